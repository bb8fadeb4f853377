package io.imstarter.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on an in-memory H2 database. */
class H2MemoryMessageStoreTests extends JdbcMessageStoreContract {

    private static HikariDataSource dataSource;

    @BeforeAll
    static void openDatabase() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:im-store-contract;DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected String platform() {
        return "h2";
    }
}
