package io.imstarter.client;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection to the server (a TCP or WebSocket connection, or a connected UDP socket). Identity matters: the
 * client ignores events from a link that is no longer its current one.
 */
final class Link {

    /** Bytes that may wait for the network; more writes are refused rather than queued without limit. */
    static final long MAX_PENDING_BYTES = 1024 * 1024;

    private final LinkListener listener;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private volatile Channel channel;

    Link(LinkListener listener) {
        this.listener = listener;
    }

    /** Completes when packets may be written: connected, and for WebSocket the upgrade is done. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    void attach(Channel channel) {
        this.channel = channel;
        channel.closeFuture().addListener(done -> {
            ready.completeExceptionally(new IllegalStateException("the connection closed while it was being set up"));
            listener.onClosed(this);
        });
    }

    void markReady() {
        ready.complete(null);
    }

    /** Ends the link after an error; a link still being set up reports the error through {@link #ready()}. */
    void fail(Throwable cause) {
        ready.completeExceptionally(cause);
        close();
    }

    void received(Inbound inbound) {
        listener.onPacket(this, inbound);
    }

    void portUnreachable() {
        listener.onPortUnreachable(this);
    }

    /** Writes one packet; the future completes when it is in the socket buffer (not when it is delivered). */
    CompletableFuture<Void> write(Packet packet) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        Channel current = channel;
        if (current == null || !current.isActive()) {
            written.completeExceptionally(new IllegalStateException("the connection is not open"));
            return written;
        }
        byte[] body = PacketCodec.encodeToBytes(packet);
        if (pendingBytes.addAndGet(body.length) > MAX_PENDING_BYTES) {
            pendingBytes.addAndGet(-body.length);
            written.completeExceptionally(new IllegalStateException("the connection's send buffer is full: "
                    + MAX_PENDING_BYTES + " bytes already wait for the network"));
            return written;
        }
        current.writeAndFlush(Unpooled.wrappedBuffer(body)).addListener(done -> {
            pendingBytes.addAndGet(-body.length);
            if (done.isSuccess()) {
                written.complete(null);
            }
            else {
                written.completeExceptionally(done.cause());
            }
        });
        return written;
    }

    /** Writes one packet, then closes the connection whatever the outcome. */
    CompletableFuture<Void> writeAndClose(Packet packet) {
        return write(packet).whenComplete((ignored, error) -> close());
    }

    void close() {
        Channel current = channel;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String toString() {
        Channel current = channel;
        return current == null ? "link(unconnected)" : "link" + current.localAddress() + "->" + current.remoteAddress();
    }
}
