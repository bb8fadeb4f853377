package io.imstarter.bench.server;

import com.zaxxer.hikari.HikariDataSource;
import io.imstarter.bench.cli.Options;
import io.imstarter.store.GroupStore;
import io.imstarter.store.MessageStore;
import io.imstarter.store.jdbc.JdbcGroupStore;
import io.imstarter.store.jdbc.JdbcMessageStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The bench server's message store ({@code --store=h2|postgres}): H2 on file in a fresh temporary directory (the
 * sample application's kind of store), or a real PostgreSQL started from zonky's embedded binaries, each with the
 * schema script the starter ships and a Hikari pool. {@code --store-max-per-receiver} bounds the undelivered
 * messages per receiver (the starter's default, 10,000). The group tables come with the same script, so the
 * store also holds group conversations ({@link #groupStore()}).
 */
public final class BenchStore implements AutoCloseable {

    private final String database;
    private final HikariDataSource pool;
    private final EmbeddedPostgres postgres;
    private final MessageStore store;
    private final GroupStore groupStore;

    private BenchStore(String database, HikariDataSource pool, EmbeddedPostgres postgres, int maxPerReceiver) {
        this.database = database;
        this.pool = pool;
        this.postgres = postgres;
        new ResourceDatabasePopulator(new ClassPathResource("io/imstarter/store/jdbc/schema-"
                + ("postgres".equals(database) ? "postgresql" : "h2") + ".sql")).execute(pool);
        this.store = new JdbcMessageStore(pool, maxPerReceiver, Clock.systemUTC());
        this.groupStore = new JdbcGroupStore(pool, Clock.systemUTC());
    }

    /** The store the options ask for, started; empty without {@code --store}. */
    public static Optional<BenchStore> from(Options options) {
        String database = options.string("store", "none");
        int maxPerReceiver = options.integer("store-max-per-receiver", 10_000, 1, 10_000_000);
        try {
            return switch (database) {
                case "none" -> Optional.empty();
                case "h2" -> Optional.of(new BenchStore(database, pool("jdbc:h2:file:"
                        + Files.createTempDirectory("im-bench-h2").resolve("store")), null, maxPerReceiver));
                case "postgres" -> {
                    EmbeddedPostgres started = EmbeddedPostgres.start();
                    HikariDataSource pool = new HikariDataSource();
                    pool.setDataSource(started.getPostgresDatabase());
                    yield Optional.of(new BenchStore(database, pool, started, maxPerReceiver));
                }
                default -> throw new IllegalArgumentException("--store must be none, h2 or postgres, got '"
                        + database + "'");
            };
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the " + database + " store", ex);
        }
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return pool;
    }

    public String database() {
        return database;
    }

    public MessageStore messageStore() {
        return store;
    }

    public GroupStore groupStore() {
        return groupStore;
    }

    /** The database itself, for a scenario that checks what was written. */
    public DataSource dataSource() {
        return pool;
    }

    /** For a shutdown hook, where there is nobody to tell. */
    public void closeQuietly() {
        try {
            close();
        }
        catch (IOException ex) {
            System.err.println("im-bench: the " + database + " store did not close: " + ex);
        }
    }

    @Override
    public void close() throws IOException {
        pool.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
