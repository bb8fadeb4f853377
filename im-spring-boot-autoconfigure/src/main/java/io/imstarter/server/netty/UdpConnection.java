package io.imstarter.server.netty;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.Connection;
import io.imstarter.server.ConnectionHub;
import io.imstarter.server.OutboundBacklogException;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A UDP peer: packets go out of the shared channel addressed to it, unless that channel is full or this peer already
 * has {@code outbound.max-pending} unsent bytes; closing forgets it.
 */
final class UdpConnection extends Connection {

    private final Channel channel;
    private final Consumer<UdpConnection> forget;
    private final PendingWrites pending;
    private volatile long lastInboundMillis = System.currentTimeMillis();

    UdpConnection(InetSocketAddress peer, Channel channel, ConnectionHub hub, Consumer<UdpConnection> forget) {
        super(Transport.UDP, peer, hub);
        this.channel = channel;
        this.forget = forget;
        this.pending = new PendingWrites(channel, peer, hub.config().getOutbound().getMaxPending().toBytes());
    }

    @Override
    protected CompletionStage<Void> writePacket(Packet packet) {
        if (!channel.isWritable()) {
            return CompletableFuture.failedFuture(new OutboundBacklogException("The UDP channel holds "
                    + channel.bytesBeforeWritable() + " bytes more than it can take; the packet to " + this
                    + " was not queued"));
        }
        return pending.write(this, packet);
    }

    @Override
    protected void closeTransport() {
        forget.accept(this);
        transportClosed();
    }

    void touch() {
        lastInboundMillis = System.currentTimeMillis();
    }

    boolean idleLongerThan(long millis, long now) {
        return now - lastInboundMillis > millis;
    }
}
