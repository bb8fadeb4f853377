package io.imstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.sample.RestCalls.Answer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The switch to PostgreSQL in sample-app/README.md: the sample with nothing but the three
 * {@code spring.datasource} lines changed keeps its users and its offline messages in a real PostgreSQL. That is the
 * one {@code IM_TEST_POSTGRES_URL} names (with {@code IM_TEST_POSTGRES_USER} and {@code IM_TEST_POSTGRES_PASSWORD}),
 * or else one started from zonky's embedded binaries, so a fresh machine needs nothing installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "im.server.address=127.0.0.1", "im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0",
        "sample.ack-wait=5s" })
class PostgresSampleIT {

    @DynamicPropertySource
    static void thePostgresLinesOfTheReadme(DynamicPropertyRegistry registry) {
        String external = System.getenv("IM_TEST_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            registry.add("spring.datasource.url", () -> external);
            registry.add("spring.datasource.username", () -> System.getenv("IM_TEST_POSTGRES_USER"));
            registry.add("spring.datasource.password", () -> System.getenv("IM_TEST_POSTGRES_PASSWORD"));
            return;
        }
        EmbeddedPostgres postgres = EmbeddedDatabase.POSTGRES;
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @LocalServerPort
    private int port;

    @Autowired
    private DataSource dataSource;

    @Test
    void usersAndOfflineMessagesLiveInPostgres() throws Exception {
        RestCalls api = new RestCalls(port);
        RestCalls sender = api.loginConnect("pg-sender");
        RestCalls receiver = api.as("pg-receiver");

        Answer sent = sender.post("/api/sendMsg", Map.of("friendId", "pg-receiver", "msg", "kept in postgres"));

        assertThat(sent.status().value()).isEqualTo(200);
        assertThat(sent.json()).containsEntry("status", "STORED");
        assertThat(messages(receiver.get("/api/history/pg-receiver/pg-sender").json())).singleElement()
                .satisfies(message -> assertThat(message).containsEntry("content", "kept in postgres")
                        .containsEntry("delivered", false));
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData database = connection.getMetaData();
            assertThat(database.getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(count(connection, "SELECT COUNT(*) FROM users WHERE username IN ('pg-sender', 'pg-receiver')"))
                    .isEqualTo(2);
            assertThat(count(connection, "SELECT COUNT(*) FROM im_message WHERE receiver = 'pg-receiver'"))
                    .isEqualTo(1);
        }
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> messages(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("messages");
    }

    /** Started on first use, stopped by its own shutdown hook when the test JVM ends. */
    private static final class EmbeddedDatabase {

        static final EmbeddedPostgres POSTGRES = start();

        private static EmbeddedPostgres start() {
            try {
                return EmbeddedPostgres.start();
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
            }
        }
    }
}
