package io.imstarter.store.jdbc;

/** The store contract on an in-memory H2 database. */
class H2MemoryMessageStoreTests extends JdbcMessageStoreContract {

    H2MemoryMessageStoreTests() {
        super(TestDatabases.h2Memory(), "h2");
    }
}
