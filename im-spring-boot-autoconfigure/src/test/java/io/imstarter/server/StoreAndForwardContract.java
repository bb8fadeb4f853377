package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.store.MessageStore;
import io.imstarter.store.StoredMessage;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Store and forward (section 10) on a real database, with raw clients that speak the stock protocol: what a sender
 * sends to an offline receiver is ACKed once stored and replayed, in order, when the receiver logs in on any
 * transport. Each subclass names the database.
 */
abstract class StoreAndForwardContract {

    /** The most undelivered messages per receiver: exactly the burst the tests send. */
    static final int CAPACITY = 200;

    final MessageStore store;

    @RegisterExtension
    final ImServerExtension im;

    StoreAndForwardContract(DataSource dataSource, String platform) {
        TestDatabases.createTables(dataSource, platform);
        this.store = new JdbcMessageStore(dataSource, CAPACITY, Clock.systemUTC());
        this.im = new ImServerExtension().messageStore(store, ReplaySettings.DEFAULTS)
                .configure(config -> config.getRateLimit().setPacketsPerSecond(10_000).setBurst(10_000));
    }

    @ParameterizedTest(name = "200 messages to an offline user reach it once, in order, when it logs in on {0}")
    @EnumSource(Transport.class)
    void messagesToAnOfflineUserAreReplayedOnceInOrderWhenItLogsIn(Transport transport) {
        String receiver = im.newUserId("offline");
        List<Packet> sent = sendToOffline(transport, receiver, CAPACITY);

        RawClient receiverClient = im.loggedIn(transport, receiver);
        List<Packet> replayed = receiveAndAck(receiverClient, receiver, CAPACITY);

        assertThat(replayed).extracting(Packet::fp).containsExactlyElementsOf(sent.stream().map(Packet::fp).toList());
        assertThat(replayed).extracting(Packet::dataContent)
                .containsExactlyElementsOf(sent.stream().map(Packet::dataContent).toList());
        assertThat(replayed).allSatisfy(packet -> {
            assertThat(packet.from()).isEqualTo(sent.get(0).from());
            assertThat(packet.qos()).isTrue();
            assertThat(packet.sm()).isPositive();
        });
        await().atMost(RawClient.TIMEOUT).until(() -> store.countUndelivered(receiver) == 0);
        receiverClient.assertNothingMore(Expect.type(PacketType.DATA), Duration.ofSeconds(1));
    }

    @Test
    void aFanInToAnOfflineUserSharesCommitsAndKeepsEachSendersOrder() {
        String receiver = im.newUserId("fan-in");
        List<RawClient> senders = new ArrayList<>();
        List<List<Packet>> sent = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            String sender = im.newUserId("sender");
            senders.add(im.loggedIn(Transport.TCP, sender));
            sent.add(new ArrayList<>());
            for (int i = 0; i < CAPACITY / 4; i++) {
                sent.get(s).add(Wire.data(sender, receiver, "from " + s + ": " + i, true));
            }
        }
        long commitsBefore = ((JdbcMessageStore) store).batchCommitCount();
        for (int i = 0; i < CAPACITY / 4; i++) {
            for (int s = 0; s < senders.size(); s++) {
                senders.get(s).send(sent.get(s).get(i));
            }
        }
        for (int s = 0; s < senders.size(); s++) {
            for (Packet message : sent.get(s)) {
                senders.get(s).awaitPacket(Expect.ackOf(message.fp()));
            }
        }

        List<StoredMessage> stored = store.undelivered(receiver, 0, CAPACITY + 1);
        assertThat(stored).hasSize(CAPACITY);
        for (List<Packet> oneSender : sent) {
            assertThat(stored.stream().filter(message -> message.sender().equals(oneSender.get(0).from())))
                    .extracting(StoredMessage::fp).containsExactlyElementsOf(oneSender.stream().map(Packet::fp).toList());
        }
        // 200 appends arrived while earlier ones committed: far fewer commits than messages
        assertThat(((JdbcMessageStore) store).batchCommitCount() - commitsBefore).isLessThan(CAPACITY / 2);
    }

    /** Sends {@code count} QoS messages from a new user to {@code receiver}, who is offline, and awaits every ACK. */
    List<Packet> sendToOffline(Transport transport, String receiver, int count) {
        String sender = im.newUserId("sender");
        RawClient senderClient = im.loggedIn(transport, sender);
        List<Packet> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Packet message = Wire.data(sender, receiver, "message " + i, true);
            sent.add(message);
            senderClient.send(message);
        }
        for (Packet message : sent) {
            senderClient.awaitPacket(Expect.ackOf(message.fp()));
        }
        assertThat(senderClient.inbox().matching(Expect.type(PacketType.ERROR))).isEmpty();
        return sent;
    }

    /** Receives {@code count} type 2 messages on {@code client}, ACKing each as a stock client does. */
    static List<Packet> receiveAndAck(RawClient client, String receiver, int count) {
        List<Packet> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Packet message = client.awaitPacket(Expect.type(PacketType.DATA));
            received.add(message);
            client.send(Wire.ack(receiver, message.from(), message.fp()));
        }
        return received;
    }

    /** Receives {@code count} type 2 messages on {@code client} and ACKs none. */
    static List<Packet> receiveWithoutAck(RawClient client, int count) {
        List<Packet> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(client.awaitPacket(Expect.type(PacketType.DATA)));
        }
        return received;
    }

    static void assertStoreFull(RawClient sender, Packet refused, String receiver) {
        Packet error = sender.awaitPacket(Expect.error(ErrorCode.RATE_LIMITED));
        assertThat(Expect.errorOf(error).errorMsg())
                .isEqualTo(receiver + "'s offline store is full (" + CAPACITY + " messages); retry later fp="
                        + refused.fp());
    }
}
