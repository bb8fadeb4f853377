package io.imstarter.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One PostgreSQL per test JVM: the one {@code IM_TEST_POSTGRES_URL} points at (with {@code IM_TEST_POSTGRES_USER}
 * and {@code IM_TEST_POSTGRES_PASSWORD}), or else a real PostgreSQL server started from zonky's embedded binaries,
 * so that a fresh machine needs nothing installed. Tests work in their own schema {@value #SCHEMA}, so an external
 * database's other tables are left alone.
 */
final class TestPostgres {

    static final String SCHEMA = "im_store_test";

    private TestPostgres() {
    }

    /** A pooled data source on the test schema; the first call starts the database. */
    static DataSource dataSource() {
        return Holder.DATA_SOURCE;
    }

    private static final class Holder {

        static final HikariDataSource DATA_SOURCE = open();

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
