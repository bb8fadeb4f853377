package io.imstarter.server.netty;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/** The local port of a gateway's listening channel, or -1 while it is not bound. */
final class BoundPort {

    private BoundPort() {
    }

    static int of(Channel channel) {
        return channel == null || !channel.isActive() ? -1 : ((InetSocketAddress) channel.localAddress()).getPort();
    }
}
