package io.imstarter.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The databases of the store tests, each opened on first use and ended with the test JVM: H2 in memory, H2 on file,
 * and PostgreSQL. PostgreSQL is the one {@code IM_TEST_POSTGRES_URL} points at (with {@code IM_TEST_POSTGRES_USER}
 * and {@code IM_TEST_POSTGRES_PASSWORD}), or else a real server started from zonky's embedded binaries, so that a
 * fresh machine needs nothing installed. The tests work in their own schema {@value #SCHEMA}, so an external
 * database's other tables are left alone.
 */
public final class TestDatabases {

    static final String SCHEMA = "im_store_test";

    private TestDatabases() {
    }

    /** An in-memory H2 database. */
    public static DataSource h2Memory() {
        return H2Memory.POOL;
    }

    /** An H2 file database under {@code target/}, the sample application's kind of embedded store. */
    public static DataSource h2File() {
        return H2File.POOL;
    }

    /**
     * H2 in its MySQL compatibility mode: a check that the MySQL script parses and runs again, and that the queries
     * suit it, where no MySQL server is at hand. Not a substitute for a run on MySQL or MariaDB.
     */
    public static DataSource h2MySqlMode() {
        return H2MySqlMode.POOL;
    }

    /** A pooled data source on the PostgreSQL test schema; the first call starts the database. */
    public static DataSource postgres() {
        return Postgres.POOL;
    }

    /** Runs the shipped schema script ({@code h2}, {@code postgresql} or {@code mysql}), which keeps existing rows. */
    public static void createTables(DataSource dataSource, String platform) {
        new ResourceDatabasePopulator(
                new ClassPathResource("io/imstarter/store/jdbc/schema-" + platform + ".sql")).execute(dataSource);
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return pool;
    }

    private static final class H2Memory {

        static final HikariDataSource POOL = pool("jdbc:h2:mem:im-store-contract;DB_CLOSE_DELAY=-1");
    }

    private static final class H2File {

        static final HikariDataSource POOL = pool("jdbc:h2:file:./target/h2/im-store-contract");
    }

    private static final class H2MySqlMode {

        static final HikariDataSource POOL =
                pool("jdbc:h2:mem:im-store-mysql;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    }

    private static final class Postgres {

        static final HikariDataSource POOL = open();

        private static HikariDataSource open() {
            String url = System.getenv("IM_TEST_POSTGRES_URL");
            DataSource database = (url == null || url.isBlank()) ? startEmbedded().getPostgresDatabase()
                    : new DriverManagerDataSource(url, System.getenv("IM_TEST_POSTGRES_USER"),
                            System.getenv("IM_TEST_POSTGRES_PASSWORD"));
            createSchema(database);
            HikariDataSource pool = new HikariDataSource();
            pool.setDataSource(database);
            pool.setSchema(SCHEMA);
            return pool;
        }

        private static EmbeddedPostgres startEmbedded() {
            try {
                return EmbeddedPostgres.start(); // stopped by its own shutdown hook when the JVM exits
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
            }
        }

        private static void createSchema(DataSource database) {
            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            }
            catch (SQLException ex) {
                throw new IllegalStateException("Could not create the test schema " + SCHEMA, ex);
            }
        }
    }
}
