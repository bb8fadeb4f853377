package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Transport;
import io.imstarter.server.Gateway;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.ImServerStartException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * UDP (section 5): one shared channel (one per core on epoll, sharing the port), a pseudo-connection per remote
 * address, datagrams read whole up to 64 KiB so that an oversized one is rejected (303) rather than truncated.
 * Silent peers are swept after the idle timeout. The peers live in a bounded {@link UdpPeerTable}.
 */
final class UdpGateway implements Gateway {

    private static final int MAX_DATAGRAM = 65_536;
    private static final int SOCKET_BUFFER = 4 * 1024 * 1024;

    private final GatewayContext context;
    private final ImServerConfig.Gateway config;
    private final UdpPeerTable peers;
    private volatile List<Channel> channels = List.of();
    private volatile ScheduledFuture<?> sweeper;

    UdpGateway(GatewayContext context) {
        this.context = context;
        this.config = context.config(Transport.UDP);
        this.peers = new UdpPeerTable(context.hub(), config);
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public void start() {
        Bootstrap bootstrap = new Bootstrap()
                .group(context.workerGroup())
                .channel(ChannelTypes.datagram(context.workerGroup()))
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, OutboundLimits.waterMark(context))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel datagramChannel) {
                        datagramChannel.pipeline()
                                .addLast(ImPipeline.PACKET_ENCODER,
                                        new PacketEncoder(Transport.UDP, config.maxOutboundBytes()))
                                .addLast(ImPipeline.PACKET_HANDLER,
                                        new UdpDatagramHandler(peers, config.maxInboundBytes()));
                        context.customize(Transport.UDP, datagramChannel.pipeline());
                    }
                });
        // With epoll, several sockets share the port (SO_REUSEPORT), each read by its own event loop; the kernel
        // sends a peer's datagrams to one of them by its address, so a peer stays with the channel it came in on.
        int readers = 1;
        if (ChannelTypes.isEpoll(context.workerGroup())) {
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
            readers = Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        List<Channel> bound = new ArrayList<>(readers);
        try {
            bound.add(bootstrap.bind(context.socketAddress(config.getPort())).syncUninterruptibly().channel());
            InetSocketAddress address = context.socketAddress(BoundPort.of(bound.get(0)));
            while (bound.size() < readers) {
                bound.add(bootstrap.bind(address).syncUninterruptibly().channel());
            }
        }
        catch (Exception ex) { // syncUninterruptibly rethrows the undeclared, checked BindException
            bound.forEach(Channel::close);
            throw new ImServerStartException(Transport.UDP, context.bindAddress(), config.getPort(), ex);
        }
        channels = List.copyOf(bound);
        long idle = config.effectiveIdleTimeout().toMillis();
        long every = Math.max(50, Math.min(1000, idle / 4));
        sweeper = bound.get(0).eventLoop().scheduleAtFixedRate(() -> peers.sweep(idle), every, every,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public int port() {
        return BoundPort.of(channels.get(0));
    }

    @Override
    public void stop() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        peers.closeAll();
        for (Channel bound : channels) {
            bound.close().awaitUninterruptibly();
        }
    }
}
