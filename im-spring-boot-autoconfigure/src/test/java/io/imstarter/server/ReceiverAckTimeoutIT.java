package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.UserPair;
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
            .getQos().setReceiverAckTimeout(RECEIVER_ACK_TIMEOUT).setMinAge(Duration.ofSeconds(8)).setMaxRetries(1)
            .setCheckInterval(Duration.ofMillis(200)).setMaxPending(1000));

    @ParameterizedTest(name = "item 28: receiver-ack-timeout hands an unacknowledged C2C off before the leg retries on {0}")
    @EnumSource(Transport.class)
    void receiverAckTimeoutHandsOffBeforeTheLegRetries(Transport transport) {
        UserPair pair = im.loggedInPair(transport);
        im.offline().accept(true);
        Packet message = Wire.data(pair.sender(), pair.receiver(), "slow reader", true);
        long sentAt = System.nanoTime();

        pair.senderClient().send(message);

        pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        await().atMost(RawClient.TIMEOUT).until(() -> im.offline().calls(message.fp()).size() == 1);
        Duration handedOffAfter = Duration.ofNanos(System.nanoTime() - sentAt);
        assertThat(handedOffAfter).isGreaterThanOrEqualTo(RECEIVER_ACK_TIMEOUT).isLessThan(Duration.ofSeconds(4));
        Packet pseudoAck = pair.senderClient().awaitPacket(Expect.ackOf(message.fp()));
        assertThat(pseudoAck.from()).isEqualTo(pair.receiver());
        assertThat(pair.receiverClient().inbox().matching(Expect.dataWithFp(message.fp()))).hasSize(1);
    }

    @ParameterizedTest(name = "section 9.5: a receiver ACK after the offline hand-off is dropped on {0}")
    @EnumSource(Transport.class)
    void lateReceiverAckIsDropped(Transport transport) {
        UserPair pair = im.loggedInPair(transport);
        im.offline().accept(true);
        Packet message = Wire.data(pair.sender(), pair.receiver(), "too late", true);

        pair.senderClient().send(message);
        pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        pair.senderClient().awaitPacket(Expect.ackOf(message.fp()));
        pair.receiverClient().send(Wire.ack(pair.receiver(), pair.sender(), message.fp()));

        pair.senderClient().assertNothingMore(Expect.ackOf(message.fp()), Duration.ofMillis(500));
        assertThat(im.listener().delivered(message.fp())).isEmpty();
        assertThat(im.listener().storedOffline(message.fp())).hasSize(1);
    }
}
