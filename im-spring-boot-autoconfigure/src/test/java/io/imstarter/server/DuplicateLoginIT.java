package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RecordingListener.Kick;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checklist items 9 to 12: every row of the duplicate-login table (section 6.3) for every pair of transports, the
 * old session on the first and the newcomer on the second.
 */
class DuplicateLoginIT {

    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension();

    static Stream<Arguments> transportPairs() {
        return Arrays.stream(Transport.values())
                .flatMap(old -> Arrays.stream(Transport.values()).map(newcomer -> Arguments.of(old, newcomer)));
    }

    @ParameterizedTest(name = "item 9: a fresh login (F = 0) on {1} kicks the {0} session with 54 code 1")
    @MethodSource("transportPairs")
    void freshLoginKicksTheRegisteredSession(Transport old, Transport newcomer) {
        assertNewcomerKicksOldSession(old, newcomer, oldF -> 0);
    }

    @ParameterizedTest(name = "item 9: a login with F > Old on {1} kicks the {0} session with 54 code 1")
    @MethodSource("transportPairs")
    void newerInstanceKicksTheRegisteredSession(Transport old, Transport newcomer) {
        assertNewcomerKicksOldSession(old, newcomer, oldF -> oldF + 1000);
    }

    @Test
    @DisplayName("item 12: a TCP login kicks the same user's UDP session")
    void tcpLoginKicksUdpSession() {
        assertNewcomerKicksOldSession(Transport.UDP, Transport.TCP, oldF -> 0);
    }

    @Test
    @DisplayName("item 12: a WebSocket login kicks the same user's TCP session")
    void webSocketLoginKicksTcpSession() {
        assertNewcomerKicksOldSession(Transport.TCP, Transport.WEBSOCKET, oldF -> 0);
    }

    @ParameterizedTest(name = "item 10: a login with F = Old on {1} replaces the {0} session without a 54")
    @MethodSource("transportPairs")
    void sameInstanceReplacesTheRegisteredSessionSilently(Transport old, Transport newcomer) {
        String user = im.newUserId("replace");
        RawClient oldClient = im.connect(old);
        long oldF = oldClient.login(user, "tk", 0).firstLoginTime();
        RawClient newClient = im.connect(newcomer);

        assertThat(newClient.login(user, "tk", oldF)).isEqualTo(new LoginResponse(0, oldF));

        oldClient.awaitClosedByServer();
        assertThat(oldClient.received()).noneMatch(Expect.type(PacketType.KICKOUT));
        assertThat(newClient.keepAlive(user).to()).isEqualTo(user);
        assertThat(im.server().session(user)).hasValueSatisfying(s -> assertThat(s.transport()).isEqualTo(newcomer));
        awaitSingleKick(user, KickReason.REPLACED, old);
        assertNoLogoutAndRegistered(user, newClient);
    }

    @ParameterizedTest(name = "item 11: a login with F < Old on {1} gets 50, 54 code 1 and a close; {0} stays")
    @MethodSource("transportPairs")
    void staleInstanceIsTurnedAwayAfterItsLoginAnswer(Transport old, Transport newcomer) {
        String user = im.newUserId("stale");
        RawClient oldClient = im.connect(old);
        long oldF = oldClient.login(user, "tk", 0).firstLoginTime();
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().loggedIn(user).size() == 1);
        RawClient newClient = im.connect(newcomer);

        assertThat(newClient.login(user, "tk", oldF - 1000).code()).isZero();

        Packet kick = newClient.awaitPacket(Expect.type(PacketType.KICKOUT));
        assertThat(Expect.payload(kick, KickoutInfo.class)).isEqualTo(new KickoutInfo(KickoutInfo.DUPLICATE_LOGIN,
                null));
        List<Integer> order = newClient.received().stream().map(Packet::type).toList();
        assertThat(order.indexOf(PacketType.LOGIN_RESPONSE)).isLessThan(order.indexOf(PacketType.KICKOUT));
        newClient.awaitClosedByServer();
        assertThat(oldClient.keepAlive(user).to()).isEqualTo(user);
        assertThat(oldClient.received()).noneMatch(Expect.type(PacketType.KICKOUT));
        assertThat(im.server().session(user)).hasValueSatisfying(s -> {
            assertThat(s.transport()).isEqualTo(old);
            assertThat(s.firstLoginTime()).isEqualTo(oldF);
        });
        awaitSingleKick(user, KickReason.STALE_LOGIN, newcomer);
        oldClient.assertNothingMore(Expect.any(), QUIET);
        assertThat(im.listener().loggedIn(user)).hasSize(1);
        assertThat(im.listener().loggedOut(user)).isEmpty();
    }

    @Test
    @DisplayName("section 6.3: concurrent fresh logins of one user leave one session and one kick per displaced one")
    void concurrentLoginsLeaveExactlyOneSession() {
        String user = im.newUserId("crowd");
        List<RawClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (Transport transport : Transport.values()) {
                clients.add(im.connect(transport));
            }
        }

        clients.forEach(client -> client.send(Wire.login(user, "tk", 0)));

        for (RawClient client : clients) {
            assertThat(Expect.payload(client.awaitPacket(Expect.type(PacketType.LOGIN_RESPONSE)),
                    LoginResponse.class).code()).isZero();
        }
        int displaced = clients.size() - 1;
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().kicked(user).size() == displaced);
        await().during(QUIET).atMost(RawClient.TIMEOUT).until(() -> im.listener().kicked(user).size() == displaced);
        assertThat(im.listener().kicked(user)).extracting(Kick::reason).containsOnly(KickReason.DUPLICATE_LOGIN);
        assertThat(im.listener().loggedOut(user)).isEmpty();
        List<RawClient> winners = clients.stream()
                .filter(client -> client.received().stream().noneMatch(Expect.type(PacketType.KICKOUT))).toList();
        assertThat(winners).hasSize(1);
        assertThat(winners.get(0).keepAlive(user).to()).isEqualTo(user);
        assertThat(im.server().session(user)).hasValueSatisfying(
                session -> assertThat(session.transport()).isEqualTo(winners.get(0).transport()));
    }

    private static void assertNewcomerKicksOldSession(Transport old, Transport newcomer, LongUnaryOperator newF) {
        String user = im.newUserId("dup");
        RawClient oldClient = im.connect(old);
        long oldF = oldClient.login(user, "tk", 0).firstLoginTime();
        RawClient newClient = im.connect(newcomer);

        assertThat(newClient.login(user, "tk", newF.applyAsLong(oldF)).code()).isZero();

        Packet kick = oldClient.awaitPacket(Expect.type(PacketType.KICKOUT));
        assertThat(kick.from()).isEqualTo(UserIds.SERVER);
        assertThat(kick.to()).isEqualTo(user);
        assertThat(kick.dataContent()).isEqualTo("{\"code\":1}");
        oldClient.awaitClosedByServer();
        assertThat(newClient.keepAlive(user).to()).isEqualTo(user);
        assertThat(im.server().session(user)).hasValueSatisfying(s -> assertThat(s.transport()).isEqualTo(newcomer));
        awaitSingleKick(user, KickReason.DUPLICATE_LOGIN, old);
        assertNoLogoutAndRegistered(user, newClient);
    }

    /** Exactly one kick notification for the user, for the session on {@code transport}. */
    private static void awaitSingleKick(String user, KickReason reason, Transport transport) {
        await().atMost(RawClient.TIMEOUT).until(() -> !im.listener().kicked(user).isEmpty());
        await().during(QUIET).atMost(RawClient.TIMEOUT).until(() -> im.listener().kicked(user).size() == 1);
        Kick kick = im.listener().kicked(user).get(0);
        assertThat(kick.reason()).isEqualTo(reason);
        assertThat(kick.session().transport()).isEqualTo(transport);
    }

    /** Closing the displaced connection must neither notify LoggedOut nor unregister the newcomer. */
    private static void assertNoLogoutAndRegistered(String user, RawClient newClient) {
        assertThat(im.listener().loggedOut(user)).isEmpty();
        assertThat(im.listener().loggedIn(user)).hasSize(2);
        assertThat(newClient.received()).noneMatch(Expect.type(PacketType.KICKOUT));
        assertThat(newClient.keepAlive(user).to()).isEqualTo(user);
        assertThat(im.server().onlineUsers()).contains(user);
    }
}
