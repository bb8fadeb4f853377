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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The one-per-transport policy in server ACK mode: the sender's ACK comes as today, once, whoever ACKs. */
class OnePerTransportServerAckIT {

    /** Longer than one re-send of {@link ImServerExtension#FAST_QOS}, so a second copy or ACK would show. */
    private static final Duration QUIET = Duration.ofMillis(800);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().configure(config -> config
            .duplicateLoginPolicy(DuplicateLoginPolicy.ONE_PER_TRANSPORT).c2cAckMode(C2cAckMode.SERVER));

    @Test
    void senderIsAckedOnceAndEverySessionGetsOneCopy() {
        String bob = im.newUserId("bob");
        List<RawClient> sessions = List.of(im.loggedIn(Transport.TCP, bob), im.loggedIn(Transport.UDP, bob),
                im.loggedIn(Transport.WEBSOCKET, bob));
        String alice = im.newUserId("alice");
        RawClient sender = im.loggedIn(Transport.WEBSOCKET, alice);
        Packet message = Wire.data(alice, bob, "server mode", true);

        sender.send(message);

        sender.awaitPacket(Expect.ackOf(message.fp()));
        for (RawClient session : sessions) {
            session.awaitPacket(Expect.dataWithFp(message.fp()));
            session.send(Wire.ack(bob, alice, message.fp()));
        }
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().delivered(message.fp()).size() == 1);
        sender.assertNothingMore(Expect.ackOf(message.fp()), QUIET);
        for (RawClient session : sessions) {
            assertThat(session.inbox().matching(Expect.dataWithFp(message.fp()))).hasSize(1);
        }
        assertThat(im.listener().delivered(message.fp())).hasSize(1);
        assertThat(im.offline().calls(message.fp())).isEmpty();
    }

    @Test
    void messageToAUserWithNoSessionLeftIsHandedOffAndPseudoAcked() {
        String bob = im.newUserId("bob");
        RawClient tcp = im.loggedIn(Transport.TCP, bob);
        RawClient udp = im.loggedIn(Transport.UDP, bob);
        tcp.send(Wire.logout(bob));
        udp.send(Wire.logout(bob));
        await().atMost(RawClient.TIMEOUT).until(() -> im.server().sessions(bob).isEmpty());
        im.offline().accept(true);
        String alice = im.newUserId("alice");
        RawClient sender = im.loggedIn(Transport.TCP, alice);
        Packet message = Wire.data(alice, bob, "kept", true);

        sender.send(message);

        sender.awaitPacket(Expect.ackOf(message.fp()));
        assertThat(im.offline().calls(message.fp())).hasSize(1);
        sender.assertNothingMore(Expect.ackOf(message.fp()), QUIET);
    }
}
