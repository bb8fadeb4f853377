package io.imstarter.server;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.UserIds;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher (section 7): checks each frame on the event loop (framing errors, JSON, rate), and handles it by
 * type in the connection's serial inbox. Packets whose handling cannot block (keep-alives, logouts, echoes, logins
 * under the allow-all verifier, C2C messages under the allow-all interceptor and their ACKs: routing, QoS tracking
 * and writes) are handled right there on the event loop when nothing of the connection is queued; the rest (logins
 * for a verifier bean, packets to the server, messages for an interceptor bean) go to the dispatch pool. The hop
 * there and back was most of a relayed message's latency ({@code docs/profile.md}).
 */
final class ServerCore implements ConnectionHub {

    private static final CompletionStage<?> DONE = CompletableFuture.completedFuture(null);
    private static final Logger log = LoggerFactory.getLogger(ServerCore.class);
    /** Refusals answered per second, all gateways together; beyond it a refused peer is closed without a word. */
    private static final int REFUSAL_REPLIES_PER_SECOND = 100;

    private final ImServerConfig config;
    private final DispatchPool dispatchPool;
    private final SessionRegistry registry;
    private final ErrorReplies errors;
    private final Notifier notifier;
    private final LoginProcessor logins;
    private final C2sReceiver c2s;
    private final C2cRouter c2c;
    private final S2cSender s2c;
    private final MessageInterceptor interceptor;
    /** Null when the server has no group store. */
    private final GroupRouter groups;
    /** Null when read receipts are off. */
    private final ReceiptRouter receipts;
    private final RateLimitedLog unknownTypes = new RateLimitedLog(log, 5);
    private final ImServerStats stats;
    private final RateLimitedLog refusals = new RateLimitedLog(log, 5);
    private final SlidingWindowLimit refusalReplies = new SlidingWindowLimit(REFUSAL_REPLIES_PER_SECOND);

    ServerCore(ImServerConfig config, DispatchPool dispatchPool, SessionRegistry registry, ErrorReplies errors,
            Notifier notifier, ImServerStats stats, LoginProcessor logins, C2cRouter c2c, S2cSender s2c,
            MessageInterceptor interceptor, GroupRouter groups, ReceiptRouter receipts) {
        this.config = config;
        this.dispatchPool = dispatchPool;
        this.stats = stats;
        this.registry = registry;
        this.errors = errors;
        this.notifier = notifier;
        this.logins = logins;
        this.c2s = new C2sReceiver(config, notifier, errors, stats);
        this.c2c = c2c;
        this.s2c = s2c;
        this.interceptor = interceptor;
        this.groups = groups;
        this.receipts = receipts;
    }

    @Override
    public ImServerConfig config() {
        return config;
    }

    @Override
    public Executor dispatchPool() {
        return dispatchPool;
    }

    /**
     * Arms the login deadline on the connection's event loop rather than on a shared timer: a login storm arms and
     * cancels one per connection, and there that costs no lock, no other thread and, when cancelled from the
     * dispatch pool, no wake-up (the loop drops the task on its next turn).
     */
    @Override
    public void onOpened(Connection connection, ScheduledExecutorService eventLoop) {
        try {
            connection.loginDeadline(eventLoop.schedule(() -> loginDeadlinePassed(connection),
                    config.getLoginTimeout().toNanos(), TimeUnit.NANOSECONDS));
        }
        catch (RejectedExecutionException stopping) {
            connection.closeTransport();
        }
    }

    private void loginDeadlinePassed(Connection connection) {
        if (connection.isLoggedIn() || connection.isClosed()) {
            return;
        }
        stats.recordLoginTimeout();
        log.debug("IM closes {}: no login within {}", connection, config.getLoginTimeout());
        connection.closeTransport();
    }

    @Override
    public void onRefused(Connection connection, String sentence) {
        stats.recordRefusedConnection();
        refusals.warn("IM refused {}: {}", connection, sentence);
        if (refusalReplies.tryAcquire()) {
            connection.writeThenClose(ErrorReplies.errorPacket(UserIds.UNKNOWN, ErrorCode.RATE_LIMITED, sentence));
        }
        else {
            connection.closeTransport();
        }
    }

    @Override
    public void onFrameTimeout(Connection connection) {
        stats.recordFrameTimeout();
        log.debug("IM closes {}: a started frame did not complete within {}", connection, config.getFrameTimeout());
        connection.closeTransport();
    }

    @Override
    public void onFrame(Connection connection, InboundFrame frame) {
        if (frame.isRejected()) {
            errors.send(connection, frame.errorCode(), frame.errorMessage(), null);
            return;
        }
        Packet packet;
        try {
            packet = PacketCodec.decode(frame.utf8());
        }
        catch (MalformedPacketException ex) {
            errors.send(connection, ErrorCode.MALFORMED, ex.getMessage(), null);
            return;
        }
        boolean keepAliveOrLogout = packet.type() == PacketType.KEEP_ALIVE || packet.type() == PacketType.LOGOUT;
        if (!answersServerTraffic(connection, packet) && !connection.tryAcceptPacket(keepAliveOrLogout)) {
            ImServerConfig.RateLimit limit = config.getRateLimit();
            refuse(connection, packet, keepAliveOrLogout
                    ? "Too many keep-alives: the limit is " + limit.getKeepAlivesPerSecond() + " a second per connection"
                    : "Too many packets: the limit is " + limit.getPacketsPerSecond() + " a second per connection");
            return;
        }
        Supplier<CompletionStage<?>> task = () -> dispatch(connection, packet);
        if (neverBlocks(packet) && connection.inbox().runIfIdle(task)) {
            return;
        }
        if (dispatchPool.isFull()) {
            stats.recordRefusedBusy();
            refuse(connection, packet, "The server is busy: " + dispatchPool.capacity()
                    + " tasks wait for a dispatch thread; retry later");
            return;
        }
        if (!connection.inbox().offer(task)) {
            refuse(connection, packet, "Too many packets are waiting on this connection (limit "
                    + config.getMaxQueuedPacketsPerConnection() + ")");
        }
    }

    /**
     * Whether the packet is the first ACK of a message this server sent the connection's user and waits for (a
     * replayed, relayed, S2C or group message): the server's own traffic coming back, which the packet limit must not
     * refuse, or a receiver that ACKs every message as it arrives (as stock clients do) would be refused as a flood
     * and the replay would stall on ACKs it never got. A message stops being waited for once its ACK is handled, so
     * the exemption is bounded by what the server sent; any other ACK (a repeat after that, a forged fingerprint,
     * another user's message) counts like every packet.
     */
    private boolean answersServerTraffic(Connection connection, Packet packet) {
        if (packet.type() != PacketType.ACK || !connection.isLoggedIn()) {
            return false;
        }
        String userId = connection.session().userId();
        String fp = packet.dataContent();
        if (!userId.equals(packet.from()) || fp == null || fp.isEmpty() || packet.to() == null) {
            return false;
        }
        if (UserIds.SERVER.equals(packet.to())) {
            return s2c.awaitsAck(userId, fp);
        }
        return c2c.awaitsAck(userId, packet.to(), fp) || (groups != null && groups.awaitsAck(userId, fp));
    }

    /**
     * Whether handling the packet calls nothing that may block: no verifier, no interceptor bean, nothing of the
     * application's called in line (notifications raised on the event loop go to the dispatch pool). Packets to the
     * server stay off the event loop: a C2S message calls the listeners, and an S2C ACK completes the future the
     * application holds.
     */
    private boolean neverBlocks(Packet packet) {
        return switch (packet.type()) {
            case PacketType.KEEP_ALIVE, PacketType.LOGOUT, PacketType.ECHO -> true;
            case PacketType.LOGIN -> logins.neverBlocks();
            case PacketType.ACK -> !UserIds.SERVER.equals(packet.to());
            case PacketType.DATA -> interceptor == MessageInterceptor.ALLOW_ALL && !UserIds.SERVER.equals(packet.to())
                    && !isGroupAddress(packet.to());
            default -> false;
        };
    }

    /** Answers 52/305; a connection that keeps going past {@code close-after-refused} refusals is closed. */
    private void refuse(Connection connection, Packet packet, String sentence) {
        if (connection.tryAcceptRefusal()) {
            errors.send(connection, ErrorCode.RATE_LIMITED, sentence, packet.fp());
        }
        else {
            connection.closeForFlooding();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        connection.cancelLoginDeadline();
        if (connection.endReason() == LogoutReason.SLOW_CONSUMER) {
            stats.recordClosedForBackpressure();
        }
        else if (connection.endReason() == LogoutReason.FLOODING) {
            stats.recordClosedForFlooding();
        }
        // Unregistering never blocks and LoggedOut leaves the event loop in the notifier, so with nothing of the
        // connection queued (its LoggedIn already told) the end is settled here, without a hop to the dispatch pool.
        Supplier<CompletionStage<?>> end = () -> {
            SessionInfo session = connection.session();
            if (session != null && registry.remove(session.userId(), connection)) {
                LogoutReason reason = connection.endReason() instanceof LogoutReason given ? given
                        : LogoutReason.CONNECTION_CLOSED;
                notifier.notify("logged out", listener -> listener.onLoggedOut(session, reason));
            }
            return DONE;
        };
        if (!connection.inbox().runIfIdle(end)) {
            connection.inbox().offerLast(end);
        }
    }

    private CompletionStage<?> dispatch(Connection connection, Packet packet) {
        if (connection.isClosed() && packet.type() == PacketType.LOGIN) {
            return DONE;
        }
        switch (packet.type()) {
            case PacketType.LOGIN -> {
                return logins.handle(connection, packet);
            }
            case PacketType.KEEP_ALIVE -> keepAlive(connection, packet);
            case PacketType.DATA -> {
                return data(connection, packet);
            }
            case PacketType.LOGOUT -> connection.closeWith(LogoutReason.LOGOUT);
            case PacketType.ACK -> ack(connection, packet);
            case PacketType.ECHO -> echo(connection, packet);
            default -> unknownTypes.warn("IM ignored a packet of unknown type {} from {}", packet.type(), connection);
        }
        return DONE;
    }

    private void keepAlive(Connection connection, Packet packet) {
        if (requireLogin(connection, packet)) {
            connection.writeAndForget(Packet.control(PacketType.KEEP_ALIVE_RESPONSE, "{}", UserIds.SERVER,
                    connection.session().userId()));
        }
    }

    /** Completes when the message is handled; a group message's store call holds the connection's next packet. */
    private CompletionStage<?> data(Connection connection, Packet message) {
        if (!requireLogin(connection, message) || !requireSender(connection, message)) {
            return DONE;
        }
        String to = message.to();
        if (to == null || to.isEmpty() || UserIds.UNKNOWN.equals(to)) {
            errors.send(connection, ErrorCode.MALFORMED, "A type 2 message needs a receiver in 'to' (\"0\" for the"
                    + " server)", message.fp());
            return DONE;
        }
        if (!allowed(connection, message)) {
            errors.send(connection, ErrorCode.REFUSED, "The application refused this message", message.fp());
            return DONE;
        }
        if (isGroupAddress(to)) {
            return groups.receive(connection, message);
        }
        if (UserIds.SERVER.equals(to) && receipts != null && receipts.isReceipt(message)) {
            receipts.receive(connection, message);
        }
        else if (UserIds.SERVER.equals(to)) {
            c2s.receive(connection, message);
        }
        else {
            c2c.route(connection, message);
        }
        return DONE;
    }

    private boolean isGroupAddress(String to) {
        return groups != null && groups.isGroupAddress(to);
    }

    private boolean allowed(Connection connection, Packet message) {
        try {
            return interceptor.allow(message, connection.session());
        }
        catch (RuntimeException ex) {
            log.error("IM message interceptor failed; refusing fp={}", message.fp(), ex);
            return false;
        }
    }

    private void ack(Connection connection, Packet ack) {
        if (!requireLogin(connection, ack) || !requireSender(connection, ack)) {
            return;
        }
        if (ack.dataContent() == null || ack.dataContent().isEmpty()) {
            errors.send(connection, ErrorCode.MALFORMED, "A type 4 ACK needs the acknowledged fp in dataContent",
                    null);
            return;
        }
        if (groups != null && groups.acknowledge(ack)) {
            return;
        }
        if (UserIds.SERVER.equals(ack.to())) {
            s2c.acknowledge(connection, ack);
        }
        else {
            c2c.acknowledge(ack);
        }
    }

    private void echo(Connection connection, Packet packet) {
        if (config.isEchoEnabled()) {
            connection.writeAndForget(packet.withType(PacketType.ECHO_RESPONSE));
        }
        else {
            unknownTypes.warn("IM ignored an echo from {}: echo is disabled", connection);
        }
    }

    private boolean requireLogin(Connection connection, Packet packet) {
        if (connection.isLoggedIn()) {
            return true;
        }
        errors.sendNotLoggedIn(connection, packet, config.gateway(connection.transport()).maxOutboundBytes());
        return false;
    }

    private boolean requireSender(Connection connection, Packet packet) {
        String userId = connection.session().userId();
        if (userId.equals(packet.from())) {
            return true;
        }
        errors.send(connection, ErrorCode.FROM_MISMATCH, "from " + packet.from() + " does not match the logged-in user "
                + userId, packet.fp());
        return false;
    }
}
