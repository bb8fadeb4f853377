package io.imstarter.server.netty;

import io.imstarter.protocol.Packet;
import io.imstarter.server.OutboundBacklogException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.DefaultAddressedEnvelope;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * The packets of one connection (or UDP peer) that the server has written but not yet handed to the socket, and the
 * channel they go out of. Writers on any thread push onto a lock-free stack; the first push into an empty stack
 * schedules one task on the channel's event loop, which writes every packet queued by then, in order, and flushes
 * once. So a burst costs one hand-off and one flush (one {@code write} syscall) instead of one of each per packet.
 * <p>
 * Every packet counts at its estimated size from the write until its future completes; a write that would take
 * the count over {@code outbound.max-pending} fails at once with {@link OutboundBacklogException}, so a peer that
 * does not read holds at most that much of the server's memory.
 */
final class PendingWrites {

    /** The envelope's key names and punctuation, about 100 characters around the variable fields. */
    private static final int ENVELOPE_CHARS = 100;
    private static final AtomicLongFieldUpdater<PendingWrites> BYTES =
            AtomicLongFieldUpdater.newUpdater(PendingWrites.class, "bytes");
    private static final AtomicReferenceFieldUpdater<PendingWrites, QueuedWrite> QUEUED =
            AtomicReferenceFieldUpdater.newUpdater(PendingWrites.class, QueuedWrite.class, "queued");

    private final Channel channel;
    private final InetSocketAddress recipient;
    private final long limit;
    private volatile long bytes;
    /** The newest write not yet handed to the channel; each links to the one before it. */
    private volatile QueuedWrite queued;

    /**
     * @param recipient the UDP peer the packets are addressed to on a shared channel, null for a channel of its own
     */
    PendingWrites(Channel channel, InetSocketAddress recipient, long limit) {
        this.channel = channel;
        this.recipient = recipient;
        this.limit = limit;
    }

    /**
     * Counts the packet and queues it for the event loop, or fails without queueing when the connection
     * ({@code owner}, for the message) has too much pending. Callers serialize their writes, which keeps their order.
     */
    CompletionStage<Void> write(Object owner, Packet packet) {
        int size = estimate(packet);
        long pending = bytes;
        if (pending + size > limit) {
            return CompletableFuture.failedFuture(new OutboundBacklogException(owner + " has " + pending
                    + " bytes waiting to be written; with " + size + " more it would pass the limit of " + limit
                    + " bytes, so the packet was not queued"));
        }
        BYTES.addAndGet(this, size);
        QueuedWrite write = new QueuedWrite(packet, size);
        QueuedWrite before;
        do {
            before = queued;
            write.previous = before;
        } while (!QUEUED.compareAndSet(this, before, write));
        if (before == null) {
            schedule();
        }
        return write;
    }

    long bytes() {
        return bytes;
    }

    Channel channel() {
        return channel;
    }

    private void schedule() {
        try {
            channel.eventLoop().execute(this::drain);
        }
        catch (RejectedExecutionException stopped) {
            failQueued(new ClosedChannelException());
        }
    }

    /** On the event loop: writes what is queued, oldest first, and flushes once. */
    private void drain() {
        QueuedWrite write = oldestFirst(QUEUED.getAndSet(this, null));
        while (write != null) {
            QueuedWrite next = write.previous;
            write.previous = null;
            Object message = recipient == null ? write.packet : new DefaultAddressedEnvelope<>(write.packet, recipient);
            channel.write(message, channel.newPromise().addListener(write));
            write = next;
        }
        channel.flush();
    }

    private void failQueued(Throwable cause) {
        for (QueuedWrite write = QUEUED.getAndSet(this, null); write != null; write = write.previous) {
            BYTES.addAndGet(this, -write.size);
            write.completeExceptionally(cause);
        }
    }

    /** Reverses the stack, newest first, into a list linked oldest first (through {@code previous}). */
    private static QueuedWrite oldestFirst(QueuedWrite newest) {
        QueuedWrite reversed = null;
        while (newest != null) {
            QueuedWrite older = newest.previous;
            newest.previous = reversed;
            reversed = newest;
            newest = older;
        }
        return reversed;
    }

    /** Roughly what the packet occupies while queued, as text before encoding or as UTF-8 after. */
    static int estimate(Packet packet) {
        return ENVELOPE_CHARS + length(packet.dataContent()) + length(packet.from()) + length(packet.to())
                + length(packet.fp());
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    /** One queued packet; completes, and frees its bytes, when the channel's write of it completes. */
    private final class QueuedWrite extends CompletableFuture<Void> implements ChannelFutureListener {

        private final Packet packet;
        private final int size;
        private QueuedWrite previous;

        QueuedWrite(Packet packet, int size) {
            this.packet = packet;
            this.size = size;
        }

        @Override
        public void operationComplete(ChannelFuture future) {
            BYTES.addAndGet(PendingWrites.this, -size);
            if (future.isSuccess()) {
                complete(null);
            }
            else {
                completeExceptionally(future.cause());
            }
        }
    }
}
