package io.imstarter.server.netty;

import io.imstarter.protocol.Transport;
import io.imstarter.server.Connection;
import io.imstarter.server.ConnectionHub;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.util.function.BiFunction;

/** A connection that owns its channel: TCP and WebSocket. The framer turns packet bytes into the channel's message. */
final class ChannelConnection extends Connection {

    private final Channel channel;
    private final BiFunction<Channel, byte[], Object> framer;

    ChannelConnection(Transport transport, Channel channel, ConnectionHub hub,
            BiFunction<Channel, byte[], Object> framer) {
        super(transport, (InetSocketAddress) channel.remoteAddress(), hub);
        this.channel = channel;
        this.framer = framer;
    }

    @Override
    protected ChannelFuture writeBytes(byte[] utf8Json) {
        return channel.writeAndFlush(framer.apply(channel, utf8Json));
    }

    @Override
    protected void closeTransport() {
        channel.close();
    }
}
