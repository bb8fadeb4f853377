package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.autoconfigure.metrics.ImServerMetrics;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Store and forward on H2: the replay scenarios, a receiver that ACKs nothing, and a full store. */
class H2StoreAndForwardIT extends StoreAndForwardContract {

    H2StoreAndForwardIT() {
        super(TestDatabases.h2Memory(), "h2");
    }

    @ParameterizedTest(name = "messages a receiver does not ACK stay stored and come again at its next login on {0}")
    @EnumSource(Transport.class)
    void messagesTheReceiverDoesNotAckStayStoredForItsNextLogin(Transport transport) {
        String receiver = im.newUserId("silent");
        List<Packet> sent = sendToOffline(transport, receiver, 5);

        RawClient silent = im.loggedIn(transport, receiver);
        assertThat(receiveWithoutAck(silent, 5)).extracting(Packet::fp)
                .containsExactlyElementsOf(sent.stream().map(Packet::fp).toList());
        silent.send(Wire.logout(receiver));
        silent.close();
        assertThat(store.countUndelivered(receiver)).isEqualTo(5);

        RawClient back = im.loggedIn(transport, receiver);
        assertThat(receiveAndAck(back, receiver, 5)).extracting(Packet::fp)
                .containsExactlyElementsOf(sent.stream().map(Packet::fp).toList());
        await().atMost(RawClient.TIMEOUT).until(() -> store.countUndelivered(receiver) == 0);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new ImServerMetrics(im.server()).bindTo(meters);
        assertThat(meters.get("im.store.replayed").functionCounter().count()).isEqualTo(10);
        assertThat(meters.get("im.store.replay.acked").functionCounter().count()).isEqualTo(5);
    }

    @ParameterizedTest(name = "ACKs of a replayed message mark it delivered and stop at the server on {0}")
    @EnumSource(Transport.class)
    void acksOfAReplayedMessageDoNotReachItsSenderAgain(Transport transport) {
        String sender = im.newUserId("sender");
        String receiver = im.newUserId("away");
        RawClient senderClient = im.loggedIn(transport, sender);
        Packet message = Wire.data(sender, receiver, "stored", true);
        senderClient.send(message);
        senderClient.awaitPacket(Expect.ackOf(message.fp()));

        RawClient receiverClient = im.loggedIn(transport, receiver);
        receiverClient.awaitPacket(Expect.dataWithFp(message.fp()));
        receiverClient.send(Wire.ack(receiver, sender, message.fp()));
        receiverClient.send(Wire.ack(receiver, sender, message.fp()));

        await().atMost(RawClient.TIMEOUT).until(() -> store.countUndelivered(receiver) == 0);
        senderClient.assertNothingMore(Expect.ackOf(message.fp()), Duration.ofMillis(500));
    }

    @Test
    void aFullStoreRefusesTheSenderWith305NamingTheLimitAndNoAck() {
        String receiver = im.newUserId("full");
        sendToOffline(Transport.TCP, receiver, CAPACITY);
        String sender = im.newUserId("late-sender");
        RawClient senderClient = im.loggedIn(Transport.TCP, sender);
        Packet refused = Wire.data(sender, receiver, "one too many", true);

        senderClient.send(refused);

        assertStoreFull(senderClient, refused, receiver);
        senderClient.assertNothingMore(Expect.ackOf(refused.fp()), Duration.ofSeconds(1));
        assertThat(im.listener().undeliverable(refused.fp())).hasSize(1);
        assertThat(im.listener().storedOffline(refused.fp())).isEmpty();
        assertThat(store.countUndelivered(receiver)).isEqualTo(CAPACITY);
    }
}
