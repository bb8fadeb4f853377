package io.imstarter.server.netty;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.Connection;
import io.imstarter.server.ConnectionHub;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/** A connection that owns its channel: TCP and WebSocket. Packets go into the pipeline, whose encoders frame them. */
final class ChannelConnection extends Connection {

    private final Channel channel;

    ChannelConnection(Transport transport, Channel channel, ConnectionHub hub) {
        super(transport, (InetSocketAddress) channel.remoteAddress(), hub);
        this.channel = channel;
    }

    @Override
    protected CompletionStage<Void> writePacket(Packet packet) {
        return NettyWrites.completion(channel.writeAndFlush(packet));
    }

    @Override
    protected void closeTransport() {
        channel.close();
    }
}
