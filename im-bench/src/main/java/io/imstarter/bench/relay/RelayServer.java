package io.imstarter.bench.relay;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The physics line: a TCP server with our framing (4-byte length + body) that pairs two connections and forwards
 * whole frames between them untouched. No sessions, QoS, dispatch threads or JSON beyond the first frame.
 *
 * <p>Written as a Netty expert would write the fastest forwarder, so that a ratio to it does not flatter our server:
 * epoll where its native library loads (the rule our server follows), and the two ends of a pair moved onto one
 * event loop when they pair, so a forward is a plain write on the current thread and each read batch ends in one
 * flush, with no task handed between threads.
 */
public final class RelayServer implements AutoCloseable {

    private static final int MAX_FRAME = 64 * 1024;

    private final boolean epoll;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Pairing pairing;
    private Channel server;

    /**
     * @param ioThreads worker event loop threads
     * @param maxConnections connections the pairing table may hold; more are closed at once
     */
    public RelayServer(int ioThreads, int maxConnections) {
        this(ioThreads, maxConnections, true);
    }

    /** The same, on Java NIO when {@code nativeTransport} is false or epoll does not load. */
    public RelayServer(int ioThreads, int maxConnections, boolean nativeTransport) {
        this.epoll = nativeTransport && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.boss = new MultiThreadIoEventLoopGroup(1, io);
        this.workers = new MultiThreadIoEventLoopGroup(ioThreads, io);
        this.pairing = new Pairing(maxConnections);
    }

    /** Whether the relay runs on epoll rather than Java NIO. */
    public boolean epoll() {
        return epoll;
    }

    /** Binds and returns the bound port (an ephemeral one for port 0). */
    public int start(String host, int port) {
        server = new ServerBootstrap().group(boss, workers)
                .channel(serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        // the header is kept: frames are forwarded exactly as they arrived
                        channel.pipeline().addLast("framer", new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4));
                        channel.pipeline().addLast("relay", new RelayHandler(pairing));
                    }
                })
                .bind(host, port).syncUninterruptibly().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Frames that arrived before their connection had a partner, or after it left. */
    public long unpairedFrames() {
        return pairing.unpairedFrames();
    }

    /** Frames forwarded to a partner on another event loop: none once pairs share their loop. */
    public long crossLoopForwards() {
        return pairing.crossLoopForwards();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
