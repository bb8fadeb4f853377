package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RecordingListener.Logout;
import io.imstarter.testsupport.WebSocketRawClient;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checklist item 23: idle eviction and keep-alive timing with a 1 s idle timeout on every gateway (sections 7 and 8):
 * any inbound packet, even a rejected one, resets the idle timer.
 */
class IdleIT {

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().configure(config -> {
        for (Transport transport : Transport.values()) {
            config.gateway(transport).setIdleTimeout(IDLE_TIMEOUT);
        }
    });

    @ParameterizedTest(name = "item 23: a silent logged-in connection closes within 2 s with LoggedOut(IDLE_TIMEOUT) on {0}")
    @EnumSource(Transport.class)
    void silentConnectionIsEvicted(Transport transport) {
        String user = im.newUserId("silent");
        long loginSent = System.nanoTime();
        RawClient client = im.loggedIn(transport, user);

        await().atMost(Duration.ofSeconds(2)).until(() -> !im.listener().loggedOut(user).isEmpty());

        assertThat(Duration.ofNanos(System.nanoTime() - loginSent)).isGreaterThanOrEqualTo(IDLE_TIMEOUT);
        assertThat(im.listener().loggedOut(user)).extracting(Logout::reason)
                .containsExactly(LogoutReason.IDLE_TIMEOUT);
        assertThat(im.server().session(user)).isEmpty();
        client.awaitClosedByServer();
    }

    @ParameterizedTest(name = "section 7: a connection that never logs in is closed after the idle timeout on {0}")
    @EnumSource(value = Transport.class, names = {"TCP", "WEBSOCKET"})
    void silentAnonymousConnectionIsClosed(Transport transport) {
        RawClient client = im.connect(transport);

        await().atMost(Duration.ofSeconds(2)).until(client::isClosed);

        assertThat(client.received()).isEmpty();
    }

    @Test
    @DisplayName("section 7: WebSocket pings alone reset the idle timer")
    void webSocketPingsKeepTheConnectionOpen() {
        String user = im.newUserId("pinging");
        WebSocketRawClient client = (WebSocketRawClient) im.loggedIn(Transport.WEBSOCKET, user);

        await().during(IDLE_TIMEOUT.multipliedBy(2)).atMost(RawClient.TIMEOUT).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    client.ping(new byte[] {1});
                    return im.server().session(user).isPresent() && !client.isClosed();
                });

        assertThat(im.listener().loggedOut(user)).isEmpty();
    }

    static Stream<Arguments> trafficThatKeepsAlive() {
        Function<String, String> keepAlive = user -> PacketCodec.encode(Wire.keepAlive(user));
        Function<String, String> c2s = user -> PacketCodec.encode(Wire.c2s(user, "tick", false));
        Function<String, String> malformed = user -> "{\"type\":";
        return Arrays.stream(Transport.values()).flatMap(transport -> Stream.of(
                Arguments.of(transport, "a non-QoS C2S", c2s),
                Arguments.of(transport, "a type 1", keepAlive),
                Arguments.of(transport, "a rejected packet", malformed)));
    }

    @ParameterizedTest(name = "item 23: a connection sending {1} every 300 ms stays open on {0}")
    @MethodSource("trafficThatKeepsAlive")
    void activeConnectionStaysOpen(Transport transport, String what, Function<String, String> traffic) {
        String user = im.newUserId("chatty");
        RawClient client = im.loggedIn(transport, user);

        await().during(IDLE_TIMEOUT.multipliedBy(2)).atMost(RawClient.TIMEOUT).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    client.sendText(traffic.apply(user));
                    return im.server().session(user).isPresent() && !client.isClosed();
                });

        assertThat(im.listener().loggedOut(user)).isEmpty();
    }
}
