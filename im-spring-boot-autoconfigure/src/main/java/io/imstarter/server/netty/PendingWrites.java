package io.imstarter.server.netty;

import io.imstarter.protocol.Packet;
import io.imstarter.server.OutboundBacklogException;
import io.netty.channel.ChannelFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The bytes of one connection (or UDP peer) that the server has written but not yet handed to the socket, each
 * packet counted at its estimated size from the write until its future completes. A write that would take them
 * over {@code outbound.max-pending} fails at once with {@link OutboundBacklogException}, so a peer that does not
 * read holds at most that much of the server's memory.
 */
final class PendingWrites {

    /** The envelope's key names and punctuation, about 100 characters around the variable fields. */
    private static final int ENVELOPE_CHARS = 100;

    private final long limit;
    private final AtomicLong bytes = new AtomicLong();

    PendingWrites(long limit) {
        this.limit = limit;
    }

    /**
     * Counts the packet and writes it with {@code channelWrite}, or fails without writing when the connection
     * ({@code owner}, for the message) has too much pending. Callers serialize their writes.
     */
    CompletionStage<Void> write(Object owner, Packet packet, Function<Packet, ChannelFuture> channelWrite) {
        int size = estimate(packet);
        long pending = bytes.get();
        if (pending + size > limit) {
            return CompletableFuture.failedFuture(new OutboundBacklogException(owner + " has " + pending
                    + " bytes waiting to be written; with " + size + " more it would pass the limit of " + limit
                    + " bytes, so the packet was not queued"));
        }
        bytes.addAndGet(size);
        ChannelFuture write = channelWrite.apply(packet);
        write.addListener(done -> bytes.addAndGet(-size));
        return NettyWrites.completion(write);
    }

    long bytes() {
        return bytes.get();
    }

    /** Roughly what the packet occupies while queued, as text before encoding or as UTF-8 after. */
    static int estimate(Packet packet) {
        return ENVELOPE_CHARS + length(packet.dataContent()) + length(packet.from()) + length(packet.to())
                + length(packet.fp());
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
