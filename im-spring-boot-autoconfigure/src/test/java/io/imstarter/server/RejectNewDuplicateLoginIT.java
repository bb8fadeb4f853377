package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RecordingListener.Kick;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reject-new duplicate-login policy (section 6.3): the session already logged in stays, and a second login of
 * its user is turned away the way a stale instance is (50 code 0, 54 code 1 with a reason, close).
 */
class RejectNewDuplicateLoginIT {

    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension()
            .configure(config -> config.getSession().setDuplicateLogin(DuplicateLoginPolicy.REJECT_NEW));

    @ParameterizedTest(name = "a fresh login on {0} is turned away while the TCP session stays")
    @EnumSource(Transport.class)
    void secondLoginIsTurnedAwayAndTheFirstSessionStays(Transport newcomer) {
        String user = im.newUserId("first");
        RawClient first = im.loggedIn(Transport.TCP, user);
        long firstLoginTime = im.server().session(user).orElseThrow().firstLoginTime();
        RawClient second = im.connect(newcomer);

        assertThat(second.login(user, "tk", 0).code()).isZero();

        Packet kick = second.awaitPacket(Expect.type(PacketType.KICKOUT));
        assertThat(Expect.payload(kick, KickoutInfo.class)).isEqualTo(new KickoutInfo(KickoutInfo.DUPLICATE_LOGIN,
                "already logged in on another connection"));
        second.awaitClosedByServer();
        assertThat(first.keepAlive(user).to()).isEqualTo(user);
        assertThat(first.received()).noneMatch(Expect.type(PacketType.KICKOUT));
        assertThat(im.server().session(user)).hasValueSatisfying(session -> {
            assertThat(session.transport()).isEqualTo(Transport.TCP);
            assertThat(session.firstLoginTime()).isEqualTo(firstLoginTime);
        });
        await().atMost(RawClient.TIMEOUT).until(() -> !im.listener().kicked(user).isEmpty());
        await().during(QUIET).atMost(RawClient.TIMEOUT).until(() -> im.listener().kicked(user).size() == 1);
        Kick only = im.listener().kicked(user).get(0);
        assertThat(only.reason()).isEqualTo(KickReason.REJECTED_DUPLICATE);
        assertThat(only.session().transport()).isEqualTo(newcomer);
        assertThat(im.listener().loggedIn(user)).hasSize(1);
        assertThat(im.listener().loggedOut(user)).isEmpty();
    }

    @Test
    void theSameInstanceReconnectingStillReplacesItsAbandonedConnection() {
        String user = im.newUserId("reconnect");
        RawClient abandoned = im.connect(Transport.TCP);
        long firstLoginTime = abandoned.login(user, "tk", 0).firstLoginTime();
        RawClient reconnected = im.connect(Transport.TCP);

        assertThat(reconnected.login(user, "tk", firstLoginTime).code()).isZero();

        abandoned.awaitClosedByServer();
        assertThat(reconnected.keepAlive(user).to()).isEqualTo(user);
        assertThat(reconnected.received()).noneMatch(Expect.type(PacketType.KICKOUT));
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().kicked(user).size() == 1);
        assertThat(im.listener().kicked(user)).extracting(Kick::reason).isEqualTo(List.of(KickReason.REPLACED));
    }

    @Test
    void aLoginAfterTheSessionEndedIsAccepted() {
        String user = im.newUserId("later");
        RawClient first = im.loggedIn(Transport.UDP, user);
        first.send(Wire.logout(user));
        await().atMost(RawClient.TIMEOUT).until(() -> im.server().session(user).isEmpty());
        RawClient second = im.connect(Transport.WEBSOCKET);

        assertThat(second.login(user, "tk", 0).code()).isZero();

        assertThat(second.keepAlive(user).to()).isEqualTo(user);
        assertThat(im.listener().kicked(user)).isEmpty();
    }
}
