package io.imstarter.store.jdbc;

/** The store contract on an H2 file database, the sample application's embedded kind. */
class H2FileMessageStoreTests extends JdbcMessageStoreContract {

    H2FileMessageStoreTests() {
        super(TestDatabases.h2File(), "h2");
    }
}
