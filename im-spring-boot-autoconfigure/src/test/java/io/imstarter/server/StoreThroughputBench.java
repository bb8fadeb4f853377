package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.store.MessageStore;
import io.imstarter.store.jdbc.JdbcMessageStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Store write rate (offline messages accepted per second: the sender's ACKs, each after a commit) and replay rate
 * (stored messages per second delivered to, and ACKed by, receivers that log in), over TCP with raw clients, for
 * one receiver and for several at once. Not part of the build (its name matches no surefire pattern); run with
 * {@code ./mvnw -B -ntp -o -pl im-spring-boot-autoconfigure test -Dtest=StoreThroughputBench -Dim.bench=true}
 * and read the lines starting with {@code BENCH}.
 */
@EnabledIfSystemProperty(named = "im.bench", matches = "true")
class StoreThroughputBench {

    private static final int MESSAGES_PER_RECEIVER = 2000;
    private static final int SENDER_WINDOW = 500;
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension();

    @ParameterizedTest(name = "{0}, {1} receivers")
    @CsvSource({ "h2-memory, 1", "h2-memory, 8", "h2-file, 1", "h2-file, 8", "postgresql, 1", "postgresql, 8" })
    void measureStoreAndReplayRates(String database, int receivers) {
        DataSource dataSource = switch (database) {
            case "h2-memory" -> TestDatabases.h2Memory();
            case "h2-file" -> TestDatabases.h2File();
            default -> TestDatabases.postgres();
        };
        TestDatabases.createTables(dataSource, database.startsWith("h2") ? "h2" : "postgresql");
        MessageStore store = new JdbcMessageStore(dataSource, 100_000, Clock.systemUTC());
        im.messageStore(store, ReplaySettings.DEFAULTS)
                .configure(config -> config.setOfflineTimeout(Duration.ofSeconds(30)).getRateLimit()
                        .setPacketsPerSecond(1_000_000).setBurst(1_000_000));
        ExecutorService pool = Executors.newFixedThreadPool(receivers);
        try {
            List<String> users = new ArrayList<>();
            for (int i = 0; i < receivers; i++) {
                users.add(im.newUserId("bench-receiver"));
            }
            long start = System.nanoTime();
            all(pool, users, receiver -> storeFor(im, receiver));
            double storeRate = rate(receivers, start);

            start = System.nanoTime();
            all(pool, users, receiver -> replayTo(im, receiver));
            double replayRate = rate(receivers, start);
            for (String receiver : users) {
                await().atMost(LIMIT).until(() -> store.countUndelivered(receiver) == 0);
            }
            System.out.printf(Locale.ROOT, "BENCH %s receivers=%d messages=%d store=%.0f msg/s replay=%.0f msg/s%n",
                    database, receivers, receivers * MESSAGES_PER_RECEIVER, storeRate, replayRate);
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** A new sender sends the receiver's share, at most {@value #SENDER_WINDOW} without an ACK, and awaits all. */
    private static void storeFor(ImServerExtension im, String receiver) {
        String sender = im.newUserId("bench-sender");
        RawClient client = im.loggedIn(Transport.TCP, sender);
        List<Packet> sent = new ArrayList<>();
        for (int i = 0; i < MESSAGES_PER_RECEIVER; i++) {
            if (i >= SENDER_WINDOW) {
                client.inbox().await(Expect.ackOf(sent.get(i - SENDER_WINDOW).fp()), LIMIT);
            }
            Packet message = Wire.data(sender, receiver, "bench " + i, true);
            sent.add(message);
            client.send(message);
        }
        for (int i = Math.max(0, MESSAGES_PER_RECEIVER - SENDER_WINDOW); i < MESSAGES_PER_RECEIVER; i++) {
            client.inbox().await(Expect.ackOf(sent.get(i).fp()), LIMIT);
        }
        assertThat(client.inbox().matching(Expect.type(PacketType.ERROR))).isEmpty();
    }

    /** The receiver logs in and ACKs every replayed message as it arrives. */
    private static void replayTo(ImServerExtension im, String receiver) {
        RawClient client = im.loggedIn(Transport.TCP, receiver);
        for (int i = 0; i < MESSAGES_PER_RECEIVER; i++) {
            Packet message = client.inbox().await(Expect.type(PacketType.DATA), LIMIT).packet();
            client.send(Wire.ack(receiver, message.from(), message.fp()));
        }
    }

    private interface UserTask {
        void run(String user) throws Exception;
    }

    private static void all(ExecutorService pool, List<String> users, UserTask task) {
        CompletableFuture.allOf(users.stream().map(user -> CompletableFuture.runAsync(() -> {
            try {
                task.run(user);
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }, pool)).toArray(CompletableFuture[]::new)).join();
    }

    private static double rate(int receivers, long startNanos) {
        return receivers * MESSAGES_PER_RECEIVER / ((System.nanoTime() - startNanos) / 1e9);
    }
}
