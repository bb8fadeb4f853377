package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.qos.QosSettings;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checklist item 28, timeout path: in receiver mode {@code receiver-ack-timeout} hands a message off even while the
 * receiver leg still has retries left (section 9.5, "whichever is first").
 */
class ReceiverAckTimeoutIT {

    private static final Duration RECEIVER_ACK_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().configure(config -> config
            .qos(new QosSettings(Duration.ofMillis(200), Duration.ofSeconds(8), 1, 1000))
            .receiverAckTimeout(RECEIVER_ACK_TIMEOUT));

    @ParameterizedTest(name = "item 28: receiver-ack-timeout hands an unacknowledged C2C off before the leg retries on {0}")
    @EnumSource(Transport.class)
    void receiverAckTimeoutHandsOffBeforeTheLegRetries(Transport transport) {
        String sender = im.newUserId("timeout-a");
        String receiver = im.newUserId("timeout-b");
        RawClient senderClient = im.loggedIn(transport, sender);
        RawClient receiverClient = im.loggedIn(transport, receiver);
        im.offline().accept(true);
        Packet message = Wire.data(sender, receiver, "slow reader", true);
        long sentAt = System.nanoTime();

        senderClient.send(message);

        receiverClient.awaitPacket(Expect.dataWithFp(message.fp()));
        await().atMost(RawClient.TIMEOUT).until(() -> im.offline().calls(message.fp()).size() == 1);
        Duration handedOffAfter = Duration.ofNanos(System.nanoTime() - sentAt);
        assertThat(handedOffAfter).isGreaterThanOrEqualTo(RECEIVER_ACK_TIMEOUT).isLessThan(Duration.ofSeconds(4));
        Packet pseudoAck = senderClient.awaitPacket(Expect.ackOf(message.fp()));
        assertThat(pseudoAck.from()).isEqualTo(receiver);
        assertThat(receiverClient.inbox().matching(Expect.dataWithFp(message.fp()))).hasSize(1);
    }

    @ParameterizedTest(name = "section 9.5: a receiver ACK after the offline hand-off is dropped on {0}")
    @EnumSource(Transport.class)
    void lateReceiverAckIsDropped(Transport transport) {
        String sender = im.newUserId("late-a");
        String receiver = im.newUserId("late-b");
        RawClient senderClient = im.loggedIn(transport, sender);
        RawClient receiverClient = im.loggedIn(transport, receiver);
        im.offline().accept(true);
        Packet message = Wire.data(sender, receiver, "too late", true);

        senderClient.send(message);
        receiverClient.awaitPacket(Expect.dataWithFp(message.fp()));
        senderClient.awaitPacket(Expect.ackOf(message.fp()));
        receiverClient.send(Wire.ack(receiver, sender, message.fp()));

        senderClient.assertNothingMore(Expect.ackOf(message.fp()), Duration.ofMillis(500));
        assertThat(im.listener().delivered(message.fp())).isEmpty();
        assertThat(im.listener().storedOffline(message.fp())).hasSize(1);
    }
}
