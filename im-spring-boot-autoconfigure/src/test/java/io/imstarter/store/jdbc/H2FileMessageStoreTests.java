package io.imstarter.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an H2 file database, the sample application's embedded default. */
class H2FileMessageStoreTests extends JdbcMessageStoreContract {

    @TempDir
    static Path directory;

    private static HikariDataSource dataSource;

    @BeforeAll
    static void openDatabase() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:" + directory.resolve("im-store").toAbsolutePath());
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
