package io.imstarter.server.netty;

import io.imstarter.protocol.Transport;
import io.imstarter.server.Gateway;
import io.imstarter.server.GatewayContext;
import io.imstarter.server.GatewayFactory;

/** The Netty transport's entry point, found by {@link GatewayFactory#load()}; everything else here is internal. */
public final class NettyGatewayFactory implements GatewayFactory {

    @Override
    public Gateway create(Transport transport, GatewayContext context) {
        return switch (transport) {
            case TCP -> new TcpGateway(context);
            case UDP -> new UdpGateway(context);
            case WEBSOCKET -> new WebSocketGateway(context);
        };
    }
}
