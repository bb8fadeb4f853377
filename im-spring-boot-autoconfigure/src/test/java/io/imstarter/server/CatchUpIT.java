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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Offline catch-up at the server's default limits (issue 20): 10 senders store 10,000 QoS messages for one offline
 * receiver, which then logs in and ACKs each message as it arrives, as a stock client does. Its ACKs answer messages
 * the server sent, so none may be refused as a flood, and the replay, paced by those ACKs, delivers every message
 * exactly once, each sender's in the order sent. The senders keep to the packet limit themselves (100 a second,
 * burst 200), as a well-behaved client must.
 */
class CatchUpIT {

    private static final int SENDERS = 10;
    private static final int MESSAGES_PER_SENDER = 1000;
    private static final int MESSAGES = SENDERS * MESSAGES_PER_SENDER;
    /** The most messages a sender has sent without their ACK. */
    private static final int SENDER_WINDOW = 20;
    /** Under the default limit of 100 packets a second per connection, with room for the server reading in bursts. */
    private static final long SENDER_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(11);

    private static final MessageStore store = newStore();

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().messageStore(store, ReplaySettings.DEFAULTS)
            .configure(CatchUpIT::productionDefaults);

    /** The QoS timers, offline timeout and packet limit a deployed server starts with, not the tests' short ones. */
    private static void productionDefaults(ImServerConfig config) {
        ImServerConfig defaults = new ImServerConfig();
        config.getQos().setCheckInterval(defaults.getQos().getCheckInterval())
                .setMinAge(defaults.getQos().getMinAge()).setMaxRetries(defaults.getQos().getMaxRetries())
                .setMaxPending(defaults.getQos().getMaxPending());
        config.getQos().setReceiverAckTimeout(defaults.getQos().getReceiverAckTimeout());
        config.setOfflineTimeout(defaults.getOfflineTimeout());
        config.getRateLimit().setPacketsPerSecond(defaults.getRateLimit().getPacketsPerSecond())
                .setBurst(defaults.getRateLimit().getBurst());
    }

    private static MessageStore newStore() {
        DataSource dataSource = TestDatabases.h2Memory();
        TestDatabases.createTables(dataSource, "h2");
        return new JdbcMessageStore(dataSource, MESSAGES, Clock.systemUTC());
    }

    /** Each transport's receiver and what each of its senders sent it, in order. */
    private static final Map<Transport, String> receivers = new EnumMap<>(Transport.class);
    private static final Map<Transport, Map<String, List<String>>> backlogs = new EnumMap<>(Transport.class);

    /** Fills the three backlogs at once, senders and receiver on the same transport, as the fill takes a while. */
    @BeforeAll
    static void fillBacklogs() {
        for (Transport transport : Transport.values()) {
            receivers.put(transport, im.newUserId("catching-up"));
        }
        backlogs.putAll(fillBacklogs(receivers));
    }

    @ParameterizedTest(name = "10 senders -> 10,000 stored -> the receiver logs in on {0}: each once, in order, no 305")
    @EnumSource(Transport.class)
    void aBacklogOfTenThousandIsDrainedOnceInOrderWithoutRefusingTheReceiversAcks(Transport transport) {
        String receiver = receivers.get(transport);
        Map<String, List<String>> sentBySender = backlogs.get(transport);
        assertThat(store.countUndelivered(receiver)).isEqualTo(MESSAGES);
        long retransmitsBefore = im.server().stats().retransmits();

        RawClient receiverClient = im.loggedIn(transport, receiver);
        long loggedInAt = System.nanoTime();
        Map<String, List<String>> receivedBySender = new HashMap<>();
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            Packet message = receiverClient.awaitPacket(Expect.type(PacketType.DATA));
            receiverClient.send(Wire.ack(receiver, message.from(), message.fp()));
            receivedBySender.computeIfAbsent(message.from(), sender -> new ArrayList<>()).add(message.fp());
            distinct.add(message.fp());
        }
        long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loggedInAt);
        System.out.printf("CatchUpIT %s: %d messages drained in %d ms%n", transport, MESSAGES, drainMillis);

        assertThat(distinct).as("distinct messages received in %d ms", drainMillis).hasSize(MESSAGES);
        assertThat(receivedBySender).isEqualTo(sentBySender);
        await().atMost(RawClient.TIMEOUT).until(() -> store.countUndelivered(receiver) == 0);
        receiverClient.assertNothingMore(Expect.type(PacketType.DATA), Duration.ofSeconds(1));
        assertThat(receiverClient.inbox().matching(Expect.type(PacketType.ERROR)))
                .as("errors answering the receiver's ACKs").isEmpty();
        assertThat(im.server().stats().retransmits() - retransmitsBefore).as("replayed messages sent again").isZero();
    }

    /**
     * Sends 1,000 QoS messages from each of 10 new senders to each offline receiver, on the receiver's transport, and
     * waits for every ACK (each message stored); returns each sender's fingerprints in order, by transport. Each
     * sender keeps within the packet limit and, as the ACK of a message comes once it is stored, waits for it before
     * it has more than {@value #SENDER_WINDOW} un-ACKed, so the store is never asked for more than it can take.
     */
    private static Map<Transport, Map<String, List<String>>> fillBacklogs(Map<Transport, String> receivers) {
        Map<String, String> receiverOf = new HashMap<>();
        Map<String, RawClient> senders = new HashMap<>();
        Map<String, List<String>> sent = new HashMap<>();
        Map<Transport, Map<String, List<String>>> byTransport = new EnumMap<>(Transport.class);
        receivers.forEach((transport, receiver) -> {
            for (int i = 0; i < SENDERS; i++) {
                String sender = im.newUserId("sender");
                senders.put(sender, im.loggedIn(transport, sender));
                sent.put(sender, new ArrayList<>());
                receiverOf.put(sender, receiver);
                byTransport.computeIfAbsent(transport, key -> new HashMap<>()).put(sender, sent.get(sender));
            }
        });
        long next = System.nanoTime();
        for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
            next = Math.max(next + SENDER_INTERVAL_NANOS, System.nanoTime());
            paceUntil(next);
            for (Map.Entry<String, RawClient> sender : senders.entrySet()) {
                List<String> fps = sent.get(sender.getKey());
                if (i >= SENDER_WINDOW) {
                    sender.getValue().awaitPacket(Expect.ackOf(fps.get(i - SENDER_WINDOW)));
                }
                Packet message = Wire.data(sender.getKey(), receiverOf.get(sender.getKey()), "message " + i, true);
                sender.getValue().send(message);
                fps.add(message.fp());
            }
        }
        senders.forEach((sender, client) -> {
            List<String> fps = sent.get(sender);
            for (String fp : fps.subList(MESSAGES_PER_SENDER - SENDER_WINDOW, MESSAGES_PER_SENDER)) {
                client.awaitPacket(Expect.ackOf(fp));
            }
            assertThat(client.inbox().matching(Expect.type(PacketType.ERROR))).as("errors to %s", sender).isEmpty();
        });
        return byTransport;
    }

    /** A sender's own pacing to stay within the packet limit; not a wait for the server. */
    private static void paceUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
