package io.imstarter.server.netty;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.Connection;
import io.imstarter.server.ConnectionHub;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * A connection that owns its channel: TCP and WebSocket. Packets go into the pipeline, whose encoders frame them,
 * in batches on the event loop ({@link PendingWrites}), unless the connection already holds
 * {@code outbound.max-pending} unsent bytes.
 */
final class ChannelConnection extends Connection {

    private final Channel channel;
    private final PendingWrites pending;
    /** Whether the gateway's connection caps admitted it; set and read on the event loop. */
    boolean admitted;
    /** The sentence a refused WebSocket connection gets once its handshake allows a text message, or null. */
    String refusal;

    ChannelConnection(Transport transport, Channel channel, ConnectionHub hub) {
        super(transport, (InetSocketAddress) channel.remoteAddress(), hub);
        this.channel = channel;
        this.pending = new PendingWrites(channel, null, hub.config().outboundMaxPending());
    }

    @Override
    protected CompletionStage<Void> writePacket(Packet packet) {
        return pending.write(this, packet);
    }

    @Override
    protected void closeTransport() {
        channel.close();
    }
}
