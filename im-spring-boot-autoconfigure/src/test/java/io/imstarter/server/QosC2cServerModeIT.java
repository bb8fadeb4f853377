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

/** Checklist item 29: C2C in MobileIMSDK's server ACK mode (section 9.5). */
class QosC2cServerModeIT {

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension()
            .configure(config -> config.getQos().setC2cAckMode(C2cAckMode.SERVER));

    @ParameterizedTest(name = "item 29: the sender's pseudo-ACK precedes the receiver's ACK, which is not forwarded, on {0}")
    @EnumSource(Transport.class)
    void senderIsAckedOnWriteAndTheReceiversAckIsNotForwarded(Transport transport) {
        UserPair pair = im.loggedInPair(transport);
        Packet message = Wire.data(pair.sender(), pair.receiver(), "written is enough", true);

        pair.senderClient().send(message);
        pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        Packet pseudoAck = pair.senderClient().awaitPacket(Expect.ackOf(message.fp()));
        pair.receiverClient().send(Wire.ack(pair.receiver(), pair.sender(), message.fp()));

        assertThat(pseudoAck).isEqualTo(Wire.ack(pair.receiver(), pair.sender(), message.fp()));
        pair.senderClient().assertNothingMore(Expect.ackOf(message.fp()), Duration.ofMillis(500));
        pair.receiverClient().assertNothingMore(Expect.dataWithFp(message.fp()), Duration.ofMillis(700));
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().delivered(message.fp()).size() == 1);
        assertThat(im.offline().calls(message.fp())).isEmpty();
    }

    @ParameterizedTest(name = "item 29: in server mode an unacknowledged receiver leg is re-sent; the sender is ACKed once, on {0}")
    @EnumSource(Transport.class)
    void unacknowledgedLegIsResentAndTheSenderAckedOnce(Transport transport) {
        UserPair pair = im.loggedInPair(transport);
        Packet message = Wire.data(pair.sender(), pair.receiver(), "retry me", true);

        pair.senderClient().send(message);

        pair.senderClient().awaitPacket(Expect.ackOf(message.fp()));
        pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        pair.senderClient().assertNothingMore(Expect.ackOf(message.fp()), Duration.ofMillis(500));
    }
}
