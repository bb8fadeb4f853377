package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checklist item 29: C2C in MobileIMSDK's server ACK mode (section 9.5). */
class QosC2cServerModeIT {

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension()
            .configure(config -> config.c2cAckMode(C2cAckMode.SERVER));

    @ParameterizedTest(name = "item 29: the sender's pseudo-ACK precedes the receiver's ACK, which is not forwarded, on {0}")
    @EnumSource(Transport.class)
    void senderIsAckedOnWriteAndTheReceiversAckIsNotForwarded(Transport transport) {
        String sender = im.newUserId("server-mode-a");
        String receiver = im.newUserId("server-mode-b");
        RawClient senderClient = im.loggedIn(transport, sender);
        RawClient receiverClient = im.loggedIn(transport, receiver);
        Packet message = Wire.data(sender, receiver, "written is enough", true);

        senderClient.send(message);
        receiverClient.awaitPacket(Expect.dataWithFp(message.fp()));
        Packet pseudoAck = senderClient.awaitPacket(Expect.ackOf(message.fp()));
        receiverClient.send(Wire.ack(receiver, sender, message.fp()));

        assertThat(pseudoAck).isEqualTo(Wire.ack(receiver, sender, message.fp()));
        senderClient.assertNothingMore(Expect.ackOf(message.fp()), Duration.ofMillis(500));
        receiverClient.assertNothingMore(Expect.dataWithFp(message.fp()), Duration.ofMillis(700));
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().delivered(message.fp()).size() == 1);
        assertThat(im.offline().calls(message.fp())).isEmpty();
    }

    @ParameterizedTest(name = "item 29: in server mode an unacknowledged receiver leg is re-sent; the sender is ACKed once, on {0}")
    @EnumSource(Transport.class)
    void unacknowledgedLegIsResentAndTheSenderAckedOnce(Transport transport) {
        String sender = im.newUserId("server-mode-a");
        String receiver = im.newUserId("server-mode-silent");
        RawClient senderClient = im.loggedIn(transport, sender);
        RawClient receiverClient = im.loggedIn(transport, receiver);
        Packet message = Wire.data(sender, receiver, "retry me", true);

        senderClient.send(message);

        senderClient.awaitPacket(Expect.ackOf(message.fp()));
        receiverClient.awaitPacket(Expect.dataWithFp(message.fp()));
        receiverClient.awaitPacket(Expect.dataWithFp(message.fp()));
        senderClient.assertNothingMore(Expect.ackOf(message.fp()), Duration.ofMillis(500));
    }
}
