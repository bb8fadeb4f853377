package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Transport;
import io.imstarter.server.Gateway;
import io.imstarter.server.GatewayConfig;
import io.imstarter.server.GatewayContext;
import io.imstarter.server.ImServerStartException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A gateway with a channel per connection (TCP, WebSocket): binds a server socket on the shared groups, puts TLS,
 * the idle handler and the backpressure handler first, lets the subclass add its framing (with the frame deadline),
 * then the {@link PacketEncoder} and the {@link StreamConnectionHandler} (the order is drawn in {@link ImPipeline}).
 */
abstract class StreamGateway implements Gateway {

    private final Transport transport;
    private final GatewayContext context;
    private final GatewayConfig config;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final PacketEncoder packetEncoder;
    private final StreamConnectionHandler connectionHandler;
    private final long frameTimeoutMillis;
    private volatile Channel serverChannel;

    StreamGateway(Transport transport, GatewayContext context) {
        this.transport = transport;
        this.context = context;
        this.config = context.config(transport);
        this.packetEncoder = new PacketEncoder(transport, config.maxOutboundSize());
        this.connectionHandler = new StreamConnectionHandler(
                channel -> new ChannelConnection(transport, channel, context.hub()), new ConnectionLimits(config),
                transport == Transport.WEBSOCKET);
        this.frameTimeoutMillis = context.hub().config().frameTimeout().toMillis();
    }

    /**
     * Adds the handlers that frame bodies on this transport, in both directions, after the idle handler, with
     * {@code frameDeadline} right after the handler that completes inbound units.
     */
    abstract void addFraming(ChannelPipeline pipeline, GatewayConfig config, FrameDeadlineHandler frameDeadline);

    /** The frame timeout in milliseconds, for framing that has a deadline of its own. */
    final long frameTimeoutMillis() {
        return frameTimeoutMillis;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public void start() {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(context.bossGroup(), context.workerGroup())
                .channel(ChannelTypes.serverSocket(context.bossGroup()))
                .option(ChannelOption.SO_BACKLOG, config.backlog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, OutboundLimits.waterMark(context))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        assemble(channel);
                    }
                });
        InetSocketAddress address = context.socketAddress(config.port());
        try {
            serverChannel = bootstrap.bind(address).syncUninterruptibly().channel();
        }
        catch (Exception ex) { // syncUninterruptibly rethrows the undeclared, checked BindException
            throw new ImServerStartException(transport, context.bindAddress(), config.port(), ex);
        }
    }

    private void assemble(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        SslContext ssl = config.sslContext();
        if (ssl != null) {
            pipeline.addLast(ImPipeline.SSL, ssl.newHandler(channel.alloc()));
        }
        pipeline.addLast(ImPipeline.IDLE,
                new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast(ImPipeline.BACKPRESSURE,
                new OutboundBackpressureHandler(context.hub().config().slowConsumerTimeout()));
        addFraming(pipeline, config, new FrameDeadlineHandler(frameTimeoutMillis));
        pipeline.addLast(ImPipeline.PACKET_ENCODER, packetEncoder);
        pipeline.addLast(ImPipeline.PACKET_HANDLER, connectionHandler);
        context.customize(transport, pipeline);
    }

    @Override
    public int port() {
        return BoundPort.of(serverChannel);
    }

    @Override
    public void stopAccepting() {
        Channel bound = serverChannel;
        if (bound != null) {
            bound.close().awaitUninterruptibly();
        }
    }

    @Override
    public void stop() {
        stopAccepting();
        channels.close().awaitUninterruptibly();
    }
}
