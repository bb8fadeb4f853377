package io.imstarter.server;

import static io.imstarter.server.OnePerTransportFixture.loggedIn;
import static io.imstarter.server.OnePerTransportFixture.logOutAll;
import static io.imstarter.server.OnePerTransportFixture.sendFromNewUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Transport;
import io.imstarter.server.OnePerTransportFixture.Sent;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The one-per-transport policy in server ACK mode: the sender's ACK comes as today, once, whoever ACKs. */
class OnePerTransportServerAckIT {

    /** Longer than one re-send of {@link ImServerExtension#FAST_QOS}, so a second copy or ACK would show. */
    private static final Duration QUIET = Duration.ofMillis(800);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().configure(config -> {
        config.getSession().setDuplicateLogin(DuplicateLoginPolicy.ONE_PER_TRANSPORT);
        config.getQos().setC2cAckMode(C2cAckMode.SERVER);
    });

    @Test
    void senderIsAckedOnceAndEverySessionGetsOneCopy() {
        String bob = im.newUserId("bob");
        Collection<RawClient> sessions = loggedIn(im, bob, Transport.values()).values();

        Sent sent = sendFromNewUser(im, Transport.WEBSOCKET, bob, "server mode", true);

        String fp = sent.message().fp();
        sent.sender().awaitPacket(Expect.ackOf(fp));
        for (RawClient session : sessions) {
            session.awaitPacket(Expect.dataWithFp(fp));
            session.send(Wire.ack(bob, sent.from(), fp));
        }
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().delivered(fp).size() == 1);
        sent.sender().assertNothingMore(Expect.ackOf(fp), QUIET);
        for (RawClient session : sessions) {
            assertThat(session.inbox().matching(Expect.dataWithFp(fp))).hasSize(1);
        }
        assertThat(im.listener().delivered(fp)).hasSize(1);
        assertThat(im.offline().calls(fp)).isEmpty();
    }

    @Test
    void messageToAUserWithNoSessionLeftIsHandedOffAndPseudoAcked() {
        String bob = im.newUserId("bob");
        logOutAll(im, bob, loggedIn(im, bob, Transport.TCP, Transport.UDP).values());
        im.offline().accept(true);

        Sent sent = sendFromNewUser(im, Transport.TCP, bob, "kept", true);

        sent.sender().awaitPacket(Expect.ackOf(sent.message().fp()));
        assertThat(im.offline().calls(sent.message().fp())).hasSize(1);
        sent.sender().assertNothingMore(Expect.ackOf(sent.message().fp()), QUIET);
    }
}
