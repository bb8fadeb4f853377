package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RawSocket;
import io.imstarter.testsupport.TcpRawClient;
import io.imstarter.testsupport.WebSocketRawClient;
import io.imstarter.testsupport.Wire;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, deadlines: a TCP frame, a WebSocket handshake and a WebSocket message must arrive whole within the
 * frame timeout (1 s here) once started. Slowloris clients (a byte or a fragment at a time) are closed; steady
 * traffic in whole units, WebSocket pings included, is not. Login and idle deadlines stay long so only this one can
 * close.
 */
class FrameDeadlineIT {

    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration TRICKLE = Duration.ofMillis(100);
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(5);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().configure(config -> {
        config.setFrameTimeout(FRAME_TIMEOUT).setLoginTimeout(Duration.ofSeconds(30));
        for (Transport transport : Transport.values()) {
            config.gateway(transport).setIdleTimeout(Duration.ofSeconds(30));
        }
    });

    @Test
    @DisplayName("a TCP frame sent one byte at a time is closed after the frame timeout")
    void tcpSlowlorisIsClosed() {
        String user = im.newUserId("tcp-slowloris");
        TcpRawClient client = (TcpRawClient) im.loggedIn(Transport.TCP, user);
        byte[] frame = TcpRawClient.frame(PacketCodec.encodeToBytes(Wire.c2s(user, "x".repeat(200), false)));
        long before = im.server().stats().frameTimeouts();

        Duration took = trickle(frame.length, at -> {
            try {
                client.sendBytes(new byte[] {frame[at]});
                return !client.isClosed();
            }
            catch (UncheckedIOException closed) {
                return false;
            }
        });

        assertThat(took).isGreaterThanOrEqualTo(FRAME_TIMEOUT);
        assertThat(im.server().stats().frameTimeouts()).isGreaterThan(before);
        await().atMost(RawClient.TIMEOUT).until(() -> im.server().session(user).isEmpty());
        assertThat(im.listener().c2sReceived(user)).isEmpty();
    }

    @Test
    @DisplayName("a WebSocket handshake request sent one byte at a time is closed after the frame timeout")
    void webSocketHandshakeSlowlorisIsClosed() {
        long before = im.server().stats().frameTimeouts();
        byte[] request = RawSocket.upgradeRequest(im.address(Transport.WEBSOCKET), "/websocket");
        try (RawSocket socket = new RawSocket(im.address(Transport.WEBSOCKET))) {

            Duration took = trickle(request.length,
                    at -> socket.write(new byte[] {request[at]}) && !socket.isClosedByServer());

            assertThat(took).isGreaterThanOrEqualTo(FRAME_TIMEOUT);
            assertThat(socket.receivedText()).doesNotContain("101");
            assertThat(im.server().stats().frameTimeouts()).isGreaterThan(before);
        }
    }

    @Test
    @DisplayName("a WebSocket message whose fragments never end is closed after the frame timeout")
    void webSocketMessageThatNeverEndsIsClosed() {
        String user = im.newUserId("ws-fragments");
        WebSocketRawClient client = (WebSocketRawClient) im.loggedIn(Transport.WEBSOCKET, user);
        long before = im.server().stats().frameTimeouts();

        Duration took = trickle(Integer.MAX_VALUE, at -> {
            try {
                client.sendFragment("{", false);
                return !client.isClosed();
            }
            catch (IllegalStateException closed) {
                return false;
            }
        });

        assertThat(took).isGreaterThanOrEqualTo(FRAME_TIMEOUT);
        assertThat(im.server().stats().frameTimeouts()).isGreaterThan(before);
    }

    @Test
    @DisplayName("a logged-in WebSocket that sends only pings, and whole messages, is not closed by the frame timeout")
    void wholeUnitsKeepTheConnectionOpen() {
        String user = im.newUserId("ws-steady");
        WebSocketRawClient client = (WebSocketRawClient) im.loggedIn(Transport.WEBSOCKET, user);
        AtomicInteger round = new AtomicInteger();

        await().during(FRAME_TIMEOUT.multipliedBy(3)).atMost(RawClient.TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (round.incrementAndGet() % 2 == 0) {
                        client.ping(new byte[] {1});
                    }
                    else {
                        client.sendFragmented(PacketCodec.encode(Wire.echo(user, "whole")), 2);
                    }
                    return !client.isClosed();
                });

        assertThat(im.server().session(user)).isPresent();
    }

    /**
     * Sends piece {@code 0, 1, ...} every {@link #TRICKLE} until {@code sendPiece} says the connection is gone;
     * returns how long the server let it go on. Fails when the server has not closed within {@link #CLOSE_WITHIN}.
     */
    private static Duration trickle(int pieces, IntPredicate sendPiece) {
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        await().atMost(CLOSE_WITHIN).pollInterval(TRICKLE)
                .until(() -> next.get() >= pieces || !sendPiece.test(next.getAndIncrement()));
        assertThat(next.get()).as("pieces sent before the close").isLessThan(pieces);
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
