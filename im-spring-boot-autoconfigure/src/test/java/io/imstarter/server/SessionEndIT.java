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
import io.imstarter.testsupport.RecordingListener.Logout;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checklist items 14 and 15: the application kick and the client's logout, each with exactly one notification. */
class SessionEndIT {

    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension();

    @ParameterizedTest(name = "item 14: the application kick sends 54 code 2 with the reason and closes on {0}")
    @EnumSource(Transport.class)
    void applicationKickEndsTheSession(Transport transport) {
        String user = im.newUserId("kicked");
        RawClient client = im.loggedIn(transport, user);

        assertThat(im.server().kick(user, "banned for spam")).isTrue();

        Packet kick = client.awaitPacket(Expect.type(PacketType.KICKOUT));
        assertThat(Expect.payload(kick, KickoutInfo.class))
                .isEqualTo(new KickoutInfo(KickoutInfo.KICKED_BY_APPLICATION, "banned for spam"));
        assertThat(kick.to()).isEqualTo(user);
        client.awaitClosedByServer();
        await().atMost(RawClient.TIMEOUT).until(() -> !im.listener().kicked(user).isEmpty());
        await().during(QUIET).atMost(RawClient.TIMEOUT).until(() -> im.listener().sessionEnds(user) == 1);
        assertThat(im.listener().kicked(user)).extracting(Kick::reason).containsExactly(KickReason.ADMIN);
        assertThat(im.server().session(user)).isEmpty();
        assertThat(im.server().kick(user, "again")).as("kicking a user who is gone").isFalse();
    }

    @ParameterizedTest(name = "item 15: type 3 closes the connection and fires LoggedOut(LOGOUT) once on {0}")
    @EnumSource(Transport.class)
    void logoutEndsTheSessionOnce(Transport transport) {
        String user = im.newUserId("leaving");
        RawClient client = im.loggedIn(transport, user);

        client.send(Wire.logout(user));

        client.awaitClosedByServer();
        await().atMost(RawClient.TIMEOUT).until(() -> !im.listener().loggedOut(user).isEmpty());
        await().during(QUIET).atMost(RawClient.TIMEOUT).until(() -> im.listener().sessionEnds(user) == 1);
        assertThat(im.listener().loggedOut(user)).extracting(Logout::reason).containsExactly(LogoutReason.LOGOUT);
        assertThat(im.server().session(user)).isEmpty();
        assertThat(client.received()).as("no reply to type 3 (UDP probes draw 52/301)")
                .allMatch(p -> p.type() == PacketType.LOGIN_RESPONSE || Expect.error(301).test(p));
    }

    @ParameterizedTest(name = "section 7: type 3 before login closes without a reply on {0}")
    @EnumSource(value = Transport.class, names = {"TCP", "WEBSOCKET"})
    void logoutBeforeLoginJustCloses(Transport transport) {
        RawClient client = im.connect(transport);

        client.send(Wire.logout("nobody"));

        client.awaitClosedByServer();
        assertThat(client.received()).isEmpty();
    }

    @ParameterizedTest(name = "section 7: a transport close of a logged-in session fires LoggedOut(CONNECTION_CLOSED) on {0}")
    @EnumSource(value = Transport.class, names = {"TCP", "WEBSOCKET"})
    void transportCloseEndsTheSession(Transport transport) {
        String user = im.newUserId("dropped");
        RawClient client = im.loggedIn(transport, user);

        client.close();

        await().atMost(RawClient.TIMEOUT).until(() -> !im.listener().loggedOut(user).isEmpty());
        assertThat(im.listener().loggedOut(user)).extracting(Logout::reason)
                .containsExactly(LogoutReason.CONNECTION_CLOSED);
        assertThat(im.server().session(user)).isEmpty();
    }
}
