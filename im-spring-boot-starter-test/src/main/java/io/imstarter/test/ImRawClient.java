package io.imstarter.test;

import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A connection that writes exact wire JSON and reads what the server writes back, byte for byte, as a stock
 * MobileIMSDK client would see it: for testing an application against captured stock-client bytes, malformed
 * packets, or a client that never ACKs. It does nothing by itself: no login, no keep-alive, no ACK. Made by
 * {@link ImTestClients#raw(Transport)}, or injected as an {@code ImRawClient} parameter; closed after each test.
 */
public final class ImRawClient implements AutoCloseable {

    private final RawLink link;
    private final BlockingQueue<String> inbound = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private final Consumer<AutoCloseable> onClose;

    ImRawClient(Transport transport, String host, int port, String websocketPath, Consumer<AutoCloseable> onClose) {
        this.link = RawLink.open(transport, host, port, websocketPath, inbound::add, () -> closed.complete(null));
        this.onClose = onClose;
    }

    public Transport transport() {
        return link.transport();
    }

    /** Writes {@code json} as one packet: a TCP frame, a datagram or a WebSocket text message. */
    public ImRawClient sendJson(String json) {
        link.write(json);
        return this;
    }

    /** Waits for the next packet the server writes, as the exact JSON it wrote. */
    public String awaitJson() {
        return awaitJson(json -> true);
    }

    /** Waits for a packet whose JSON matches, dropping the ones before it (keep-alive replies, say). */
    public String awaitJson(Predicate<String> matching) {
        long deadline = System.nanoTime() + ImTestClient.DEFAULT_TIMEOUT.toNanos();
        try {
            while (true) {
                String next = inbound.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("The server wrote no matching packet to the raw " + transport()
                            + " client within " + ImTestClient.DEFAULT_TIMEOUT);
                }
                if (matching.test(next)) {
                    return next;
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the raw client waited", ex);
        }
    }

    /** Waits for the next packet of {@code type} (section 3.1 of the wire protocol), decoded. */
    public Packet awaitPacket(int type) {
        return decode(awaitJson(json -> decode(json).type() == type));
    }

    /** Waits until the server closes the connection, as after a refused login (TCP and WebSocket only). */
    public void awaitClosedByServer() {
        if (transport() == Transport.UDP) {
            throw new UnsupportedOperationException("UDP has no connection for the server to close");
        }
        try {
            closed.get(ImTestClient.DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new AssertionError("The server did not close the raw " + transport() + " connection within "
                    + ImTestClient.DEFAULT_TIMEOUT);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the server to close the connection", ex);
        }
    }

    /** Fails if the server writes anything within {@code period}. */
    public void assertNothingReceivedWithin(Duration period) {
        try {
            String arrived = inbound.poll(period.toMillis(), TimeUnit.MILLISECONDS);
            if (arrived != null) {
                throw new AssertionError("The raw client received " + arrived + " within " + period
                        + ", expected nothing");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while watching the raw client", ex);
        }
    }

    /** The stock client's login packet (type 0) for {@code userId}, first login, as it writes it. */
    public static String loginJson(String userId, String token) {
        String payload = PacketCodec.encodePayload(new LoginInfo(userId, token, null, 0));
        return PacketCodec.encode(Packet.control(PacketType.LOGIN, payload, userId, UserIds.SERVER));
    }

    /** The stock client's logout packet (type 3). */
    public static String logoutJson(String userId) {
        return PacketCodec.encode(Packet.control(PacketType.LOGOUT, null, userId, UserIds.SERVER));
    }

    /** The stock client's ACK (type 4) of {@code message}, sent by its receiver. */
    public static String ackJson(Packet message) {
        return PacketCodec.encode(message.ackFrom(message.to()));
    }

    private static Packet decode(String json) {
        try {
            return PacketCodec.decode(json);
        }
        catch (MalformedPacketException ex) {
            throw new AssertionError("The server wrote a malformed packet: " + json, ex);
        }
    }

    @Override
    public void close() {
        link.close();
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "ImRawClient[" + transport() + "]";
    }
}
