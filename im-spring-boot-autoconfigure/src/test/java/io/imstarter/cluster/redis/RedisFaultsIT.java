package io.imstarter.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.store.jdbc.JdbcMessageStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Received;
import io.imstarter.testsupport.Wire;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 21, nothing stranded: alice on node a sends to bob on node b, who stays online and ACKs everything, at a light
 * pace while Redis fails: restarted (its data lost), paused with SIGSTOP and resumed, or with every Pub/Sub connection
 * killed. Messages that could not be routed go to the shared store, and bob's node is told to replay them as soon as
 * routing works again, not at bob's next login. Checked per message: ACKed to alice means it reached bob (nothing
 * lost), at most {@link #AFTER_REDIS_IS_BACK} after Redis was back (nothing stranded), and no stored copy is replayed
 * to bob after he ACKed a copy (nothing repeated from the store).
 */
class RedisFaultsIT {

    private static final Duration AFTER_REDIS_IS_BACK = Duration.ofSeconds(2);
    private static final Duration PACE = Duration.ofMillis(30);
    private static final int MESSAGES = 240;
    private static final int FAULT_AT = 40;
    /** 150 messages at the pace: the fault lasts about 4.5 s, more than twice the tests' presence TTL. */
    private static final int BACK_AT = 190;
    private static final DataSource SHARED_DATABASE = TestDatabases.h2Memory();

    enum Fault {
        RESTART, PAUSE, KILL_PUBSUB
    }

    @BeforeAll
    static void createStoreTables() {
        TestDatabases.createTables(SHARED_DATABASE, "h2");
    }

    private static final JdbcMessageStore STORE = new JdbcMessageStore(SHARED_DATABASE, 10_000, Clock.systemUTC());

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes().store(STORE);

    @ParameterizedTest(name = "Redis {0}")
    @EnumSource(Fault.class)
    void anOnlineReceiverGetsEveryAckedMessageOnceAndSoonAfterRedisIsBack(Fault fault) throws Exception {
        TestRedis redis = TestRedis.shared();
        assumeTrue(redis.restartable(), "failing Redis needs the embedded redis-server, not "
                + TestRedis.URL_VARIABLE);
        ClusterNodes.Pair pair = cluster.pair(Transport.TCP, Transport.TCP);
        RawClient aliceClient = pair.aliceClient();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicInteger replayed = new AtomicInteger();
        AtomicInteger resent = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        CompletableFuture<Void> bobAcks = CompletableFuture.runAsync(() -> ackEverything(pair.bobClient(), pair.bob(),
                receivedAt, replayed, resent, running));

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<String> sent = new CopyOnWriteArrayList<>();
        AtomicLong backAt = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<Void> allSent = new CompletableFuture<>();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        // A fixed pace whatever the ACKs do, so that alice stays inside her packet limit (100/s, burst 200).
        pacer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= MESSAGES) {
                return;
            }
            try {
                if (i == FAULT_AT) {
                    begin(redis, fault);
                }
                if (i == BACK_AT) {
                    end(redis, fault);
                    backAt.set(System.nanoTime());
                }
                Packet message = Wire.data(pair.alice(), pair.bob(), "load " + i, true);
                sentAt.put(message.fp(), System.nanoTime());
                aliceClient.send(message);
                sent.add(message.fp());
                if (i == MESSAGES - 1) {
                    allSent.complete(null);
                }
            }
            catch (RuntimeException | Error ex) {
                allSent.completeExceptionally(ex);
            }
        }, 0, PACE.toMillis(), TimeUnit.MILLISECONDS);
        try {
            allSent.get(1, TimeUnit.MINUTES);
        }
        finally {
            pacer.shutdownNow();
        }

        Duration settle = ClusterNodes.RECEIVER_ACK_TIMEOUT.plus(RawClient.TIMEOUT);
        await().atMost(settle).untilAsserted(() -> assertThat(ackedAt(aliceClient))
                .as("ACKs to alice; errors she got: %s", errorsTo(aliceClient)).containsAll(sent));
        await().atMost(RawClient.TIMEOUT).until(() -> receivedAt.keySet().containsAll(sent));
        running.set(false);
        bobAcks.get(5, TimeUnit.SECONDS);
        long latest = 0;
        for (String fp : sent) {
            long late = receivedAt.get(fp) - Math.max(sentAt.get(fp), backAt.get());
            latest = Math.max(latest, late);
        }
        System.out.printf("Redis %s: %d messages ACKed to the sender, all received; latest %d ms after Redis was back"
                + " (or after its send); %d replayed from the store after bob's ACK, %d re-sent live by QoS%n", fault,
                sent.size(), latest / 1_000_000, replayed.get(), resent.get());
        assertThat(Duration.ofNanos(latest)).as("longest time an ACKed message waited after Redis was back")
                .isLessThanOrEqualTo(AFTER_REDIS_IS_BACK);
        assertThat(replayed.get()).as("stored messages replayed to bob after he ACKed them").isZero();
    }

    private static void begin(TestRedis redis, Fault fault) {
        switch (fault) {
            case RESTART -> redis.stop();
            case PAUSE -> redis.pause();
            case KILL_PUBSUB -> redis.killPubSubClients();
        }
    }

    private static void end(TestRedis redis, Fault fault) {
        switch (fault) {
            case RESTART -> redis.start();
            case PAUSE -> redis.resume();
            case KILL_PUBSUB -> { }
        }
    }

    /**
     * Bob's client: ACKs every message it gets, as a stock client does, and counts the ones it got before: replayed
     * from the store (stamped with the time the store accepted them), or re-sent live by the sender's QoS, whose ACK
     * was held up with Redis (allowed by section 9: the receiver drops it by fingerprint).
     */
    private static void ackEverything(RawClient client, String userId, Map<String, Long> receivedAt,
            AtomicInteger replayed, AtomicInteger resent, AtomicBoolean running) {
        while (running.get()) {
            Received next = client.inbox().poll(Expect.type(PacketType.DATA), Duration.ofMillis(50));
            if (next != null) {
                boolean again = receivedAt.putIfAbsent(next.packet().fp(), System.nanoTime()) != null;
                if (again && next.packet().sm() > 0) {
                    replayed.incrementAndGet();
                }
                else if (again) {
                    resent.incrementAndGet();
                }
                client.send(Wire.ack(userId, next.packet().from(), next.packet().fp()));
            }
        }
    }

    private static List<String> errorsTo(RawClient client) {
        return client.received().stream().filter(packet -> packet.type() == PacketType.ERROR)
                .map(Packet::dataContent).toList();
    }

    private static Set<String> ackedAt(RawClient client) {
        Set<String> acked = new HashSet<>();
        for (Packet packet : client.received()) {
            if (packet.type() == PacketType.ACK) {
                acked.add(packet.dataContent());
            }
        }
        return acked;
    }
}
