package io.imstarter.bench.client;

import io.imstarter.protocol.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens lean connections to one {@link Target} (or, for a cluster, to several) on a single shared event loop group.
 * When one source address runs short of ephemeral ports, connections rotate over several 127.0.0.x source addresses.
 */
public final class LoadClients implements AutoCloseable {

    /** Inbound packets are small; a larger frame means the peer is not speaking the protocol we expect. */
    private static final int MAX_INBOUND = 64 * 1024;
    private static final int BIND_ATTEMPTS = 64;

    private final Target target;
    private final EventLoopGroup group;
    private final List<InetAddress> sources;
    // a random start keeps back-to-back runs off the ports the previous run left in TIME_WAIT
    private final AtomicLong localCursor = new AtomicLong(ThreadLocalRandom.current().nextInt(1 << 20));
    private final ClientCounters counters = new ClientCounters();
    private final PortRange ports = PortRange.ephemeral();

    /**
     * @param ioThreads event loop threads shared by every connection
     * @param firstSource the last byte of the first source address, 127.0.0.{firstSource}
     * @param sourceCount 0 lets the kernel pick the source address; n binds n addresses from the first in turn
     */
    public LoadClients(Target target, int ioThreads, int firstSource, int sourceCount) {
        this.sources = loopbackSources(firstSource, sourceCount);
        this.target = target;
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
    }

    public ClientCounters counters() {
        return counters;
    }

    /** Connects (and for WebSocket completes the upgrade); no login yet. */
    public CompletableFuture<LeanConnection> connect(PacketListener listener) {
        return connect(target, listener);
    }

    /** Connects to another server than this load's own target, e.g. another node of a cluster. */
    public CompletableFuture<LeanConnection> connect(Target server, PacketListener listener) {
        return attempt(server, listener, BIND_ATTEMPTS);
    }

    private CompletableFuture<LeanConnection> attempt(Target server, PacketListener listener, int attemptsLeft) {
        CompletableFuture<LeanConnection> ready = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap().group(group).handler(initializer(server, listener, ready));
        InetSocketAddress remote = new InetSocketAddress(server.host(), server.port());
        if (server.transport() == Transport.UDP) {
            bootstrap.channel(NioDatagramChannel.class);
        }
        else {
            bootstrap.channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    // an explicit source port may still be in TIME_WAIT from an earlier connection to elsewhere
                    .option(ChannelOption.SO_REUSEADDR, !sources.isEmpty())
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        }
        ChannelFuture connecting = sources.isEmpty() ? bootstrap.connect(remote) : bootstrap.connect(remote, nextLocal());
        connecting.addListener((ChannelFuture future) -> {
            if (!future.isSuccess()) {
                ready.completeExceptionally(future.cause());
                return;
            }
            // a connected channel may still close before it is ready (a refused WebSocket upgrade)
            future.channel().closeFuture().addListener(closed -> ready.completeExceptionally(
                    new IllegalStateException("Closed before the connection was ready")));
            if (server.transport() != Transport.WEBSOCKET) {
                ready.complete(future.channel().attr(InboundFrames.CONNECTION).get());
            }
        });
        if (sources.isEmpty()) {
            return ready;
        }
        // our port pick may be taken (by the kernel's own picks or a lingering TIME_WAIT): try the next one
        return ready.exceptionallyCompose(failure -> isBindFailure(failure) && attemptsLeft > 1
                ? attempt(server, listener, attemptsLeft - 1) : CompletableFuture.failedFuture(failure));
    }

    /** Netty wraps the bind failure of a connect in an annotated exception; look down the causes. */
    private static boolean isBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private ChannelInitializer<Channel> initializer(Target server, PacketListener listener,
            CompletableFuture<LeanConnection> ready) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                LeanConnection connection = new LeanConnection(channel, server.transport(), counters, listener);
                channel.attr(InboundFrames.CONNECTION).set(connection);
                ChannelPipeline pipeline = channel.pipeline();
                switch (server.transport()) {
                    case TCP -> pipeline.addLast("framer", new LengthFieldBasedFrameDecoder(MAX_INBOUND, 0, 4, 0, 4));
                    case WEBSOCKET -> {
                        pipeline.addLast("http", new HttpClientCodec());
                        pipeline.addLast("aggregator", new HttpObjectAggregator(8192));
                        pipeline.addLast("websocket", new WebSocketClientProtocolHandler(
                                WebSocketClientProtocolConfig.newBuilder()
                                        .webSocketUri(server.webSocketUri())
                                        .maxFramePayloadLength(MAX_INBOUND)
                                        .build()));
                        pipeline.addLast("ready", new HandshakeListener(connection, ready));
                    }
                    case UDP -> {
                        // a connected datagram channel reads and writes plain buffers
                    }
                }
                pipeline.addLast("packets", InboundFrames.INSTANCE);
            }
        };
    }

    /**
     * The next source address and an explicit port for it. Binding port 0 to a fixed address makes the kernel
     * search the whole port range on every bind, which costs seconds of CPU at tens of thousands of connections.
     */
    private InetSocketAddress nextLocal() {
        long n = localCursor.getAndIncrement();
        InetAddress address = sources.get((int) (n % sources.size()));
        int port = ports.first() + (int) ((n / sources.size()) % ports.size());
        return new InetSocketAddress(address, port);
    }

    private static List<InetAddress> loopbackSources(int first, int count) {
        if (first < 1 || count < 0 || first + count > 255) {
            throw new IllegalArgumentException("Source addresses 127.0.0." + first + " plus " + count
                    + " more do not fit in 127.0.0.1 to 127.0.0.254");
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            try {
                addresses.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
            }
            catch (UnknownHostException ex) {
                throw new IllegalStateException("127.0.0." + i + " is not an address", ex);
            }
        }
        return addresses;
    }

    /** Completes the ready future once the WebSocket upgrade succeeded. */
    private static final class HandshakeListener extends ChannelInboundHandlerAdapter {

        private final LeanConnection connection;
        private final CompletableFuture<LeanConnection> ready;

        HandshakeListener(LeanConnection connection, CompletableFuture<LeanConnection> ready) {
            this.connection = connection;
            this.ready = ready;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ready.complete(connection);
                ctx.pipeline().remove(this);
            }
            else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                ready.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
