package io.imstarter.server;

import io.imstarter.protocol.Transport;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * Transport SPI: what every gateway shares, namely the one boss and worker event loop pair, the bind address, the
 * hub its connections report to, and the user's pipeline customizers.
 *
 * @param bossGroup accepts TCP and WebSocket connections
 * @param workerGroup runs every connection's IO, and the UDP channel
 * @param bindAddress the address to bind, or null for all interfaces
 * @param hub the server core
 * @param customizers applied after a gateway assembled a pipeline
 * @param sslContexts TLS of the TCP and WebSocket gateways that speak it
 */
public record GatewayContext(EventLoopGroup bossGroup, EventLoopGroup workerGroup, String bindAddress,
        ConnectionHub hub, List<GatewayPipelineCustomizer> customizers, Map<Transport, SslContext> sslContexts) {

    /** The gateway's TLS, or null for plaintext. */
    public SslContext sslContext(Transport transport) {
        return sslContexts.get(transport);
    }

    public ImServerConfig.Gateway config(Transport transport) {
        return hub.config().gateway(transport);
    }

    /** The address a gateway binds: the configured one, or every interface. */
    public InetSocketAddress socketAddress(int port) {
        return bindAddress == null ? new InetSocketAddress(port) : new InetSocketAddress(bindAddress, port);
    }

    public void customize(Transport transport, ChannelPipeline pipeline) {
        for (GatewayPipelineCustomizer customizer : customizers) {
            customizer.customize(transport, pipeline);
        }
    }
}
