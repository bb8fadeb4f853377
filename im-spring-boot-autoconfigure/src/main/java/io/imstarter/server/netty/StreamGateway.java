package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Transport;
import io.imstarter.server.Gateway;
import io.imstarter.server.GatewayConfig;
import io.imstarter.server.GatewayContext;
import io.imstarter.server.ImServerStartException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;

/**
 * A gateway with a channel per connection (TCP, WebSocket): binds a server socket on the shared groups, puts TLS
 * and the backpressure handler first, lets the subclass add its framing (with the read deadlines),
 * then the {@link PacketEncoder} and the {@link StreamConnectionHandler} (the order is drawn in {@link ImPipeline}).
 */
abstract class StreamGateway implements Gateway {

    /**
     * Netty's default receive-buffer sizing (adaptive, 16 reads per loop for a stream channel), one instance for every
     * channel: the allocator is stateless and hands each channel its own handle, so a channel need not own a copy.
     */
    private static final RecvByteBufAllocator RECEIVE_SIZING =
            new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(16);

    private final Transport transport;
    private final GatewayContext context;
    private final GatewayConfig config;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final PacketEncoder packetEncoder;
    private final StreamConnectionHandler connectionHandler;
    private final OutboundBackpressureHandler backpressure;
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
        this.backpressure = new OutboundBackpressureHandler(context.hub().config().slowConsumerTimeout());
    }

    /**
     * Adds the handlers that frame bodies on this transport, in both directions, after the backpressure handler,
     * with {@code readDeadline} right after the handler that completes inbound units.
     */
    abstract void addFraming(ChannelPipeline pipeline, GatewayConfig config, ReadDeadlineHandler readDeadline);

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
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_SIZING)
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
        pipeline.addLast(ImPipeline.BACKPRESSURE, backpressure);
        addFraming(pipeline, config, new ReadDeadlineHandler(config.idleTimeout().toMillis(), frameTimeoutMillis));
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
