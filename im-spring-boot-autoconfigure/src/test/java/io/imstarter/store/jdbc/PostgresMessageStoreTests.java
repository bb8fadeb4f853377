package io.imstarter.store.jdbc;

/** The store contract on a real PostgreSQL server (see {@link TestDatabases}). */
class PostgresMessageStoreTests extends JdbcMessageStoreContract {

    PostgresMessageStoreTests() {
        super(TestDatabases.postgres(), "postgresql");
    }
}
