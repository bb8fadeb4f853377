package io.imstarter.server.netty;

import io.imstarter.protocol.InvalidSettingException;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ConnectionHub;
import io.imstarter.server.Gateway;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.ServerTransport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The Netty transport: TCP, UDP and WebSocket gateways on one boss and one worker event loop group, which it starts
 * and shuts down with each run of the server. TLS contexts and pipeline customizers are set here before the server
 * starts; everything else in this package is internal.
 */
public final class NettyTransport implements ServerTransport {

    private final List<GatewayPipelineCustomizer> customizers = new CopyOnWriteArrayList<>();
    private final Map<Transport, SslContext> sslContexts = new EnumMap<>(Transport.class);
    private EventLoopGroup boss;
    private EventLoopGroup workers;

    /** TLS for the TCP or WebSocket gateway; UDP has none. */
    public synchronized NettyTransport sslContext(Transport transport, SslContext sslContext) {
        if (transport == Transport.UDP) {
            throw new InvalidSettingException("udp.ssl", sslContext, "cannot be set: UDP has no TLS");
        }
        sslContexts.put(transport, sslContext);
        return this;
    }

    /** Adjusts every pipeline after the gateway assembled it, in the order added. */
    public NettyTransport pipelineCustomizer(GatewayPipelineCustomizer customizer) {
        customizers.add(customizer);
        return this;
    }

    @Override
    public synchronized void start(ImServerConfig config) {
        if (workers != null) {
            throw new IllegalStateException("The Netty transport is already running");
        }
        IoHandlerFactory io = EventLoops.ioHandlerFactory(config.isNativeTransport());
        boss = new MultiThreadIoEventLoopGroup(1, EventLoops.threadFactory("im-boss"), io);
        workers = new MultiThreadIoEventLoopGroup(ioThreads(config), EventLoops.threadFactory("im-io"), io);
    }

    /**
     * One event loop per core unless configured: the loops never block, so more loops than cores (Netty's default is
     * twice the cores) only add context switches; a login storm on 2 cores made 1.1 to 1.35 per login with 4 loops,
     * 0.4 with 2.
     */
    private static int ioThreads(ImServerConfig config) {
        return config.getIoThreads() > 0 ? config.getIoThreads() : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public synchronized Gateway gateway(Transport transport, ConnectionHub hub) {
        if (workers == null) {
            throw new IllegalStateException("The Netty transport is not running");
        }
        GatewayContext context = new GatewayContext(boss, workers, hub, List.copyOf(customizers),
                Map.copyOf(sslContexts));
        return switch (transport) {
            case TCP -> new TcpGateway(context);
            case UDP -> new UdpGateway(context);
            case WEBSOCKET -> new WebSocketGateway(context);
        };
    }

    /** Workers first, then the boss; each is awaited. */
    @Override
    public synchronized void stop() {
        if (workers == null) {
            return;
        }
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers = null;
        boss = null;
    }
}
