package io.imstarter.server.netty;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Transport;
import io.imstarter.server.Gateway;
import io.imstarter.server.GatewayConfig;
import io.imstarter.server.GatewayContext;
import io.imstarter.server.ImServerStartException;
import io.imstarter.server.InboundFrame;
import io.imstarter.server.netty.ConnectionLimits.Admission;
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
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * UDP (section 5): one shared channel, a pseudo-connection per remote address, datagrams read whole up to 64 KiB so
 * that an oversized one is rejected (303) rather than truncated. Silent peers are swept after the idle timeout.
 *
 * <p>The peer table is bounded by {@code max-peers} and {@code max-connections-per-address}. When it is full, the
 * oldest peer that has not logged in makes room for a newcomer; logged-in peers are never evicted, so when every
 * peer is logged in (or the newcomer's address is at its cap) the newcomer gets 52/305 and stays out.
 */
final class UdpGateway implements Gateway {

    private static final int MAX_DATAGRAM = 65_536;
    private static final int SOCKET_BUFFER = 4 * 1024 * 1024;

    private final GatewayContext context;
    private final GatewayConfig config;
    private final Map<InetSocketAddress, UdpConnection> peers = new ConcurrentHashMap<>();
    private final ConnectionLimits limits;
    /** Peers in the order they came, candidates for eviction until they log in; pruned by every sweep. */
    private final Deque<UdpConnection> notLoggedIn = new ConcurrentLinkedDeque<>();
    private volatile Channel channel;
    private volatile ScheduledFuture<?> sweeper;

    UdpGateway(GatewayContext context) {
        this.context = context;
        this.config = context.config(Transport.UDP);
        this.limits = new ConnectionLimits(config);
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
        notLoggedIn.removeIf(peer -> peer.isClosed() || peer.isLoggedIn());
        long now = System.currentTimeMillis();
        for (UdpConnection peer : peers.values()) {
            if (peer.idleLongerThan(idleMillis, now)) {
                peer.idleTimedOut();
            }
        }
    }

    private void forget(UdpConnection peer) {
        if (peers.remove(peer.remoteAddress(), peer)) {
            limits.release(peer.remoteAddress().getAddress());
        }
    }

    /** A new peer in the table, or null when the caps refused it (it was answered 52/305). Event loop only. */
    private UdpConnection admit(InetSocketAddress sender, Channel channel) {
        Admission admission = limits.tryAdmit(sender.getAddress());
        if (admission == Admission.TOTAL_FULL && evictOldestNotLoggedIn()) {
            admission = limits.tryAdmit(sender.getAddress());
        }
        UdpConnection peer = new UdpConnection(sender, channel, context.hub(), this::forget);
        if (admission != Admission.ADMITTED) {
            peer.refuse(limits.refusal(admission));
            return null;
        }
        peers.put(sender, peer);
        notLoggedIn.add(peer);
        peer.opened();
        return peer;
    }

    /** Forgets the oldest peer that has not logged in; false when there is none. */
    private boolean evictOldestNotLoggedIn() {
        UdpConnection oldest;
        while ((oldest = notLoggedIn.poll()) != null) {
            if (!oldest.isClosed() && !oldest.isLoggedIn()) {
                oldest.closeTransport();
                return true;
            }
        }
        return false;
    }

    private final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
            InetSocketAddress sender = datagram.sender();
            UdpConnection peer = peers.get(sender);
            if (peer == null) {
                peer = admit(sender, ctx.channel());
                if (peer == null) {
                    return;
                }
            }
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
