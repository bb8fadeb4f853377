package io.imstarter.server.netty;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.Connection;
import io.imstarter.server.ConnectionHub;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;

/** A connection that owns its channel: TCP and WebSocket. Packets go into the pipeline, whose encoders frame them. */
final class ChannelConnection extends Connection {

    private final Channel channel;

    ChannelConnection(Transport transport, Channel channel, ConnectionHub hub) {
        super(transport, (InetSocketAddress) channel.remoteAddress(), hub);
        this.channel = channel;
    }

    @Override
    protected ChannelFuture writePacket(Packet packet) {
        return channel.writeAndFlush(packet);
    }

    @Override
    protected void closeTransport() {
        channel.close();
    }
}
