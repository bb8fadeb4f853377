package io.imstarter.client;

import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.UserIds;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal scripted MobileIMSDK TCP server for tests: it answers logins with a chosen response, answers
 * keep-alives only when told to, records what it receives and pushes packets on demand.
 */
final class FakeTcpServer implements AutoCloseable {

    final BlockingQueue<Packet> received = new LinkedBlockingQueue<>();
    final BlockingQueue<LoginInfo> logins = new LinkedBlockingQueue<>();
    final BlockingQueue<Long> loginArrivalNanos = new LinkedBlockingQueue<>();
    volatile boolean answerKeepAlives = true;
    volatile boolean answerLogins = true;
    volatile boolean hangUpOnLogin;
    volatile int loginCode = 0;
    volatile long firstLoginTime = 1_700_000_000_000L;
    private volatile Channel lastConnection;
    private final Channel acceptor;

    FakeTcpServer(EventLoopGroup group) throws InterruptedException {
        acceptor = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        lastConnection = channel;
                        channel.pipeline().addLast(new LengthFieldBasedFrameDecoder(65536, 0, 4, 0, 4),
                                new LengthFieldPrepender(4), new Handler());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) acceptor.localAddress()).getPort();
    }

    /** Writes a packet on the newest connection. */
    void push(Packet packet) {
        lastConnection.writeAndFlush(Unpooled.wrappedBuffer(PacketCodec.encodeToBytes(packet))).syncUninterruptibly();
    }

    /** Stops reading from the newest connection, as an overloaded server would. */
    void stopReading() {
        lastConnection.config().setAutoRead(false);
    }

    /** Closes the newest connection, as a crashing server would. */
    void dropConnection() {
        lastConnection.close().syncUninterruptibly();
    }

    /** Whether the newest connection is still open at both ends. */
    boolean newestConnectionOpen() {
        Channel connection = lastConnection;
        return connection != null && connection.isActive();
    }

    /** The next packet of a type, skipping others; null after the timeout. */
    Packet next(int type, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Packet packet = received.poll(left, TimeUnit.NANOSECONDS);
            if (packet != null && packet.type() == type) {
                return packet;
            }
        }
        return null;
    }

    @Override
    public void close() {
        acceptor.close().syncUninterruptibly();
        Channel connection = lastConnection;
        if (connection != null) {
            connection.close().syncUninterruptibly();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf body) throws MalformedPacketException {
            Packet packet = PacketCodec.decode(body.toString(StandardCharsets.UTF_8));
            received.add(packet);
            if (packet.type() == PacketType.LOGIN) {
                LoginInfo info = PacketCodec.decodePayload(packet.dataContent(), LoginInfo.class);
                logins.add(info);
                loginArrivalNanos.add(System.nanoTime());
                if (hangUpOnLogin) {
                    ctx.close();
                }
                else if (answerLogins) {
                    boolean ok = loginCode == 0;
                    long time = ok ? (info.firstLoginTime() > 0 ? info.firstLoginTime() : firstLoginTime) : -1;
                    String payload = PacketCodec.encodePayload(new LoginResponse(loginCode, time));
                    reply(ctx, Packet.control(PacketType.LOGIN_RESPONSE, payload, UserIds.SERVER,
                            ok ? info.loginUserId() : UserIds.UNKNOWN));
                }
            }
            else if (packet.type() == PacketType.KEEP_ALIVE && answerKeepAlives) {
                reply(ctx, Packet.control(PacketType.KEEP_ALIVE_RESPONSE, "{}", UserIds.SERVER, packet.from()));
            }
        }

        private void reply(ChannelHandlerContext ctx, Packet packet) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(PacketCodec.encodeToBytes(packet)));
        }
    }
}
