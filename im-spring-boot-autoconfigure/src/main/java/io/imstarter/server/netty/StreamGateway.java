package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Transport;
import io.imstarter.server.Gateway;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.ImServerStartException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A gateway with a channel per connection (TCP, WebSocket): binds a server socket on the shared groups, puts TLS
 * first, lets the subclass add its framing, then the {@link PacketEncoder} and the channel's
 * {@link ChannelConnection}, which is its last handler (the order is drawn in {@link ImPipeline}).
 */
abstract class StreamGateway implements Gateway {

    /**
     * Receive buffers of a fixed 2 KiB (the size Netty's adaptive default starts with, and more than most packets),
     * 16 reads per loop for a stream channel, one allocator for every channel. Each channel keeps the allocator's
     * handle for good; the adaptive one keeps a size history as well, 40 bytes more per connection, which pays off
     * only for reads much larger or much smaller than a packet. The buffer lives for one read either way.
     */
    private static final RecvByteBufAllocator RECEIVE_SIZING =
            new FixedRecvByteBufAllocator(2048).maxMessagesPerRead(16);

    private final Transport transport;
    private final GatewayContext context;
    private final ImServerConfig.Gateway config;
    private final PacketEncoder packetEncoder;
    private final StreamSettings settings;
    private final ReadDeadlineQueues readDeadlines;
    private final long frameTimeoutMillis;
    private volatile Channel serverChannel;

    StreamGateway(Transport transport, GatewayContext context) {
        this.transport = transport;
        this.context = context;
        this.config = context.config(transport);
        this.packetEncoder = new PacketEncoder(transport, config.maxOutboundBytes());
        this.settings = new StreamSettings(transport, context.hub(), new ConnectionLimits(config),
                new OutboundBackpressureHandler(context.hub().config().getOutbound().getSlowConsumerTimeout()),
                transport == Transport.WEBSOCKET, new OpenChannels());
        Duration frameTimeout = context.hub().config().getFrameTimeout();
        this.readDeadlines = new ReadDeadlineQueues(config.effectiveIdleTimeout(), frameTimeout);
        this.frameTimeoutMillis = frameTimeout.toMillis();
    }

    /**
     * Adds the handlers that frame bodies on this transport, in both directions, after TLS; where the framing passes
     * on more than whole packets, with {@code readDeadline} right after the handler that completes inbound units.
     *
     * @return whether the framing placed {@code readDeadline}; if not, the {@link ChannelConnection} drives it
     */
    abstract boolean addFraming(ChannelPipeline pipeline, ImServerConfig.Gateway config,
            ReadDeadlineHandler readDeadline);

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
                .option(ChannelOption.SO_BACKLOG, ((ImServerConfig.StreamGateway) config).getBacklog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, OutboundLimits.waterMark(context))
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_SIZING)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        assemble(channel);
                    }
                });
        InetSocketAddress address = context.socketAddress(config.getPort());
        try {
            serverChannel = bootstrap.bind(address).syncUninterruptibly().channel();
        }
        catch (Exception ex) { // syncUninterruptibly rethrows the undeclared, checked BindException
            throw new ImServerStartException(transport, context.bindAddress(), config.getPort(), ex);
        }
    }

    private void assemble(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        SslContext ssl = context.sslContext(transport);
        if (ssl != null) {
            pipeline.addLast(ImPipeline.SSL, ssl.newHandler(channel.alloc()));
        }
        ReadDeadlineHandler readDeadline = new ReadDeadlineHandler(readDeadlines);
        boolean placed = addFraming(pipeline, config, readDeadline);
        pipeline.addLast(ImPipeline.PACKET_ENCODER, packetEncoder);
        ChannelConnection connection = new ChannelConnection(settings, channel, placed ? null : readDeadline);
        settings.openChannels().add(connection);
        pipeline.addLast(ImPipeline.PACKET_HANDLER, connection);
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
        settings.openChannels().closeAll();
    }
}
