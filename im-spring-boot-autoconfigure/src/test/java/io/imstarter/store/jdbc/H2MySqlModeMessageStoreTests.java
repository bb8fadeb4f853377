package io.imstarter.store.jdbc;

/** The store contract with the MySQL script on H2's MySQL mode (see {@link TestDatabases#h2MySqlMode()}). */
class H2MySqlModeMessageStoreTests extends JdbcMessageStoreContract {

    H2MySqlModeMessageStoreTests() {
        super(TestDatabases.h2MySqlMode(), "mysql");
    }
}
