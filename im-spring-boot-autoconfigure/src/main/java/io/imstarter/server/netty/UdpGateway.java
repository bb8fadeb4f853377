package io.imstarter.server.netty;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Transport;
import io.imstarter.server.Gateway;
import io.imstarter.server.GatewayConfig;
import io.imstarter.server.GatewayContext;
import io.imstarter.server.ImServerStartException;
import io.imstarter.server.InboundFrame;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * UDP (section 5): one shared channel, a pseudo-connection per remote address, datagrams read whole up to 64 KiB so
 * that an oversized one is rejected (303) rather than truncated. Silent peers are swept after the idle timeout.
 */
final class UdpGateway implements Gateway {

    private static final int MAX_DATAGRAM = 65_536;
    private static final int SOCKET_BUFFER = 4 * 1024 * 1024;

    private final GatewayContext context;
    private final GatewayConfig config;
    private final Map<InetSocketAddress, UdpConnection> peers = new ConcurrentHashMap<>();
    private volatile Channel channel;
    private volatile ScheduledFuture<?> sweeper;

    UdpGateway(GatewayContext context) {
        this.context = context;
        this.config = context.config(Transport.UDP);
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public void start() {
        Bootstrap bootstrap = new Bootstrap()
                .group(context.workerGroup())
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, OutboundLimits.waterMark(context))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel datagramChannel) {
                        datagramChannel.pipeline()
                                .addLast(ImPipeline.PACKET_ENCODER,
                                        new PacketEncoder(Transport.UDP, config.maxOutboundSize()))
                                .addLast(ImPipeline.PACKET_HANDLER, new DatagramHandler());
                        context.customize(Transport.UDP, datagramChannel.pipeline());
                    }
                });
        InetSocketAddress address = context.socketAddress(config.port());
        try {
            channel = bootstrap.bind(address).syncUninterruptibly().channel();
        }
        catch (Exception ex) { // syncUninterruptibly rethrows the undeclared, checked BindException
            throw new ImServerStartException(Transport.UDP, context.bindAddress(), config.port(), ex);
        }
        long idle = config.idleTimeout().toMillis();
        long every = Math.max(50, Math.min(1000, idle / 4));
        sweeper = channel.eventLoop().scheduleAtFixedRate(() -> sweep(idle), every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public int port() {
        return BoundPort.of(channel);
    }

    @Override
    public void stop() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        new ArrayList<>(peers.values()).forEach(UdpConnection::closeTransport);
        Channel bound = channel;
        if (bound != null) {
            bound.close().awaitUninterruptibly();
        }
    }

    private void sweep(long idleMillis) {
        long now = System.currentTimeMillis();
        for (UdpConnection peer : peers.values()) {
            if (peer.idleLongerThan(idleMillis, now)) {
                peer.idleTimedOut();
            }
        }
    }

    private void forget(UdpConnection peer) {
        peers.remove(peer.remoteAddress(), peer);
    }

    private final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
            InetSocketAddress sender = datagram.sender();
            UdpConnection peer = peers.computeIfAbsent(sender,
                    address -> new UdpConnection(address, ctx.channel(), context.hub(), UdpGateway.this::forget));
            peer.touch();
            int size = datagram.content().readableBytes();
            if (size > config.maxInboundSize()) {
                peer.receive(InboundFrame.rejected(ErrorCode.TOO_LARGE, "The UDP datagram of " + size
                        + " bytes is over the limit of " + config.maxInboundSize() + " bytes"));
                return;
            }
            peer.receive(InboundFrame.of(datagram.content().toString(StandardCharsets.UTF_8)));
        }
    }
}
