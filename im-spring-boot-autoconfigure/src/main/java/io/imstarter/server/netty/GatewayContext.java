package io.imstarter.server.netty;

import io.imstarter.protocol.Transport;
import io.imstarter.server.ConnectionHub;
import io.imstarter.server.ImServerConfig;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * What every gateway of one run shares: the one boss and worker event loop pair, the hub its connections report to,
 * the application's pipeline customizers and the TLS of the stream gateways.
 *
 * @param bossGroup accepts TCP and WebSocket connections
 * @param workerGroup runs every connection's IO, and the UDP channel
 * @param hub the server core
 * @param customizers applied after a gateway assembled a pipeline
 * @param sslContexts TLS of the TCP and WebSocket gateways that speak it
 */
record GatewayContext(EventLoopGroup bossGroup, EventLoopGroup workerGroup, ConnectionHub hub,
        List<GatewayPipelineCustomizer> customizers, Map<Transport, SslContext> sslContexts) {

    ImServerConfig.Gateway config(Transport transport) {
        return hub.config().gateway(transport);
    }

    /** The address to bind, or null for all interfaces. */
    String bindAddress() {
        return hub.config().getAddress();
    }

    /** The address a gateway binds: the configured one, or every interface. */
    InetSocketAddress socketAddress(int port) {
        String bindAddress = bindAddress();
        return bindAddress == null ? new InetSocketAddress(port) : new InetSocketAddress(bindAddress, port);
    }

    /** The gateway's TLS, or null for plaintext. */
    SslContext sslContext(Transport transport) {
        return sslContexts.get(transport);
    }

    void customize(Transport transport, ChannelPipeline pipeline) {
        for (GatewayPipelineCustomizer customizer : customizers) {
            customizer.customize(transport, pipeline);
        }
    }
}
