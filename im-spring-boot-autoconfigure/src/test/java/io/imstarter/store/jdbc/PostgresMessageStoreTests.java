package io.imstarter.store.jdbc;

import javax.sql.DataSource;

/** The store contract on a real PostgreSQL server (see {@link TestPostgres}). */
class PostgresMessageStoreTests extends JdbcMessageStoreContract {

    @Override
    protected DataSource dataSource() {
        return TestPostgres.dataSource();
    }

    @Override
    protected String platform() {
        return "postgresql";
    }
}
