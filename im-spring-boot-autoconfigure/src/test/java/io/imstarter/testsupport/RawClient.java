package io.imstarter.testsupport;

import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A wire-protocol client that sends exactly the bytes it is given: no keep-alive, no ACKs, no re-login. One
 * implementation per transport; everything received lands in a thread-safe {@link Inbox}.
 */
public interface RawClient extends AutoCloseable {

    /** How long a test waits for something that should happen. */
    Duration TIMEOUT = Duration.ofSeconds(10);

    Transport transport();

    /** Sends one packet's text: framed with a length header on TCP, one datagram on UDP, one text message on WS. */
    void sendText(String text);

    /**
     * Sends bytes as they are: TCP writes them to the stream without a header, UDP sends one datagram, WebSocket
     * sends one binary message.
     */
    void sendBytes(byte[] bytes);

    Inbox inbox();

    /** Whether the connection is closed, by us or (TCP/WS) by the server. */
    default boolean isClosed() {
        return inbox().isClosed();
    }

    /**
     * Waits until the server has closed this connection. TCP/WS see the socket close; a UDP server "closes" by
     * forgetting the peer, which shows as a 52/301 answering a type 1.
     */
    default void awaitClosedByServer() {
        inbox().awaitClosed(TIMEOUT);
    }

    @Override
    void close();

    default void send(Packet packet) {
        sendText(PacketCodec.encode(packet));
    }

    /** Claims the next unclaimed packet matching {@code filter}, failing after {@link #TIMEOUT}. */
    default Packet awaitPacket(Predicate<Packet> filter) {
        return inbox().await(filter, TIMEOUT).packet();
    }

    /** Every packet received so far. */
    default List<Packet> received() {
        return inbox().packets();
    }

    /** Asserts that no packet matching {@code filter} arrives (beyond those already received) for {@code quiet}. */
    default void assertNothingMore(Predicate<Packet> filter, Duration quiet) {
        int before = inbox().matching(filter).size();
        await("no further " + filter + " on " + transport()).during(quiet).atMost(quiet.plus(TIMEOUT))
                .until(() -> inbox().matching(filter).size() == before);
    }

    /** Sends a type 0 and returns the decoded type 50 answer. */
    default LoginResponse login(String userId, String token, long firstLoginTime) {
        send(Wire.login(userId, token, firstLoginTime));
        return Expect.payload(awaitPacket(Expect.type(PacketType.LOGIN_RESPONSE)), LoginResponse.class);
    }

    /** Sends a type 1 and waits for its type 51. */
    default Packet keepAlive(String userId) {
        send(Wire.keepAlive(userId));
        return awaitPacket(Expect.type(PacketType.KEEP_ALIVE_RESPONSE));
    }
}
