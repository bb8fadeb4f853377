package io.imstarter.bench.client;

import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One load connection: a channel, the user it logs in as and its keep-alive timer. Deliberately lean (no QoS
 * daemon, no re-login) so one process holds thousands; the scenario decides what to do with each packet.
 */
public final class LeanConnection {

    private final Channel channel;
    private final Transport transport;
    private final ClientCounters counters;
    private final PacketListener listener;
    private volatile String userId = UserIds.UNKNOWN;
    private volatile CompletableFuture<LoginResponse> pendingLogin;
    private volatile ScheduledFuture<?> keepAlive;
    private volatile boolean closeExpected;
    private volatile boolean loggedIn;

    LeanConnection(Channel channel, Transport transport, ClientCounters counters, PacketListener listener) {
        this.channel = channel;
        this.transport = transport;
        this.counters = counters;
        this.listener = listener;
        channel.closeFuture().addListener(future -> onClosed());
    }

    public String userId() {
        return userId;
    }

    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public boolean isActive() {
        return channel.isActive();
    }

    /** Sends a type 0 and completes with the type 50 answer (or exceptionally when the link closes first). */
    public CompletableFuture<LoginResponse> login(String loginUserId, String token, String extra) {
        this.userId = loginUserId;
        CompletableFuture<LoginResponse> answer = new CompletableFuture<>();
        pendingLogin = answer;
        LoginInfo info = new LoginInfo(loginUserId, token, extra, 0);
        send(Packet.control(PacketType.LOGIN, PacketCodec.encodePayload(info), loginUserId, UserIds.SERVER));
        return answer;
    }

    /** Sends a type 1 every interval, the first after {@code firstDelay} (spreads thousands of timers). */
    public void startKeepAlive(Duration interval, Duration firstDelay) {
        byte[] body = PacketCodec.encodeToBytes(Packet.control(PacketType.KEEP_ALIVE, "{}", userId, UserIds.SERVER));
        keepAlive = channel.eventLoop().scheduleAtFixedRate(() -> {
            counters.keepAliveSent();
            writeAndFlush(body);
        }, firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stopKeepAlive() {
        ScheduledFuture<?> timer = keepAlive;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    public void send(Packet packet) {
        writeAndFlush(PacketCodec.encodeToBytes(packet));
    }

    /**
     * Writes one already encoded packet body without flushing. Only for replies written on this connection's event
     * loop while it reads: the read batch ends with a flush.
     */
    public void writeInReply(byte[] body) {
        channel.write(frame(body), channel.voidPromise());
    }

    /** Flushes what {@link #writeInReply} wrote, for writes made on the event loop outside a read. */
    public void flush() {
        channel.flush();
    }

    public void writeAndFlush(byte[] body) {
        channel.writeAndFlush(frame(body), channel.voidPromise());
    }

    /** Closes every connection on purpose and waits up to a minute for the closes to finish. */
    public static void closeAll(Collection<LeanConnection> connections) throws Exception {
        CompletableFuture.allOf(connections.stream().map(LeanConnection::close).toArray(CompletableFuture[]::new))
                .get(1, TimeUnit.MINUTES);
    }

    /** Closes on purpose: not counted as an unexpected close. */
    public CompletableFuture<Void> close() {
        closeExpected = true;
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.close().addListener(future -> closed.complete(null));
        return closed;
    }

    /** Marks the coming close as expected, e.g. after sending a logout the server answers by closing. */
    public void expectClose() {
        closeExpected = true;
    }

    void onInbound(ByteBuf body) {
        String json = body.toString(StandardCharsets.UTF_8);
        Packet packet = FlatPacketReader.read(json);
        if (packet == null) {
            try {
                packet = PacketCodec.decode(json);
            }
            catch (MalformedPacketException ex) {
                counters.malformed();
                return;
            }
        }
        switch (packet.type()) {
            case PacketType.LOGIN_RESPONSE -> completeLogin(packet);
            case PacketType.KEEP_ALIVE_RESPONSE -> counters.keepAliveAnswered();
            case PacketType.ERROR -> counters.error(ErrorCodes.of(packet));
            default -> {
                // handed to the scenario below
            }
        }
        listener.onPacket(this, packet);
    }

    private void completeLogin(Packet packet) {
        CompletableFuture<LoginResponse> answer = pendingLogin;
        if (answer == null) {
            return;
        }
        try {
            LoginResponse response = PacketCodec.decodePayload(packet.dataContent(), LoginResponse.class);
            loggedIn = response.accepted();
            answer.complete(response);
        }
        catch (MalformedPacketException ex) {
            answer.completeExceptionally(ex);
        }
    }

    private Object frame(byte[] body) {
        return switch (transport) {
            case TCP -> {
                ByteBuf buf = channel.alloc().buffer(4 + body.length);
                buf.writeInt(body.length).writeBytes(body);
                yield buf;
            }
            case WEBSOCKET -> new TextWebSocketFrame(Unpooled.wrappedBuffer(body));
            case UDP -> Unpooled.wrappedBuffer(body);
        };
    }

    private void onClosed() {
        stopKeepAlive();
        CompletableFuture<LoginResponse> answer = pendingLogin;
        if (answer != null) {
            answer.completeExceptionally(new IllegalStateException("The connection closed before the login answer"));
        }
        if (loggedIn && !closeExpected) {
            counters.unexpectedClose();
        }
    }
}
