package io.imstarter.server;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.LoggerFactory;

/**
 * Transport SPI: one TCP connection, WebSocket connection or UDP peer, and the session bound to it by a login. A
 * transport subclasses it for its way of writing and closing and calls {@link #receive}, {@link #idleTimedOut} and
 * {@link #transportClosed}; everything else (limits, ordering, session state) lives here, package-private. Its
 * monitor is the write lock, which keeps writes in order (an object of its own would cost heap per connection), so
 * a transport must not synchronize on it.
 */
public abstract class Connection {

    private static final RateLimitedLog closes = new RateLimitedLog(LoggerFactory.getLogger(Connection.class), 10);
    // Handles on the fields rather than an atomic object each: there are many connections.
    private static final VarHandle CLOSED;
    private static final VarHandle END_REASON;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLOSED = lookup.findVarHandle(Connection.class, "closed", boolean.class);
            END_REASON = lookup.findVarHandle(Connection.class, "endReason", Enum.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Transport transport;
    private final InetSocketAddress remoteAddress;
    private final ConnectionHub hub;
    /** The {@link TokenBucket} states of the packet, keep-alive and refusal limits, whose rates come from config. */
    private long packetRate;
    private long keepAliveRate;
    private long refusals;
    private SlidingWindowLimit errorRate;
    private final SerialInbox inbox;
    private volatile boolean closed;
    private volatile Enum<?> endReason;
    private volatile SessionInfo session;
    private volatile Future<?> loginDeadline;

    protected Connection(Transport transport, InetSocketAddress remoteAddress, ConnectionHub hub) {
        ImServerConfig config = hub.config();
        this.transport = transport;
        this.remoteAddress = remoteAddress;
        this.hub = hub;
        this.packetRate = TokenBucket.full();
        this.keepAliveRate = packetRate;
        this.refusals = packetRate;
        this.inbox = new SerialInbox(hub.dispatchPool(), config.getMaxQueuedPacketsPerConnection());
    }

    /**
     * Writes the packet into the transport, whose encoders turn it into bytes and refuse it with
     * {@link PacketTooLargeException} when it is over the outbound limit. Must be safe to call from any thread;
     * completes when the bytes reached the socket buffer.
     */
    protected abstract CompletionStage<Void> writePacket(Packet packet);

    /** Closes the transport; for UDP, forgets the peer. Must be safe to call from any thread, more than once. */
    protected abstract void closeTransport();

    /** Called by the gateway, on the event loop, for every frame it read. */
    public final void receive(InboundFrame frame) {
        hub.onFrame(this, frame);
    }

    /** Called by the gateway when the transport closed; reports the end once. */
    public final void transportClosed() {
        if (CLOSED.compareAndSet(this, false, true)) {
            hub.onClosed(this);
        }
    }

    /**
     * Called by the gateway once it admitted the connection; starts the login deadline on {@code eventLoop}, the
     * event loop that reads the connection.
     */
    public final void opened(ScheduledExecutorService eventLoop) {
        hub.onOpened(this, eventLoop);
    }

    /**
     * Called by the gateway instead of {@link #opened} when a connection cap is reached: the peer gets 52/305 with
     * {@code sentence}, which names the limit, and the connection is closed.
     */
    public final void refuse(String sentence) {
        hub.onRefused(this, sentence);
    }

    /** Called by the gateway when a started frame, message or handshake did not complete within the frame timeout. */
    public final void frameTimedOut() {
        hub.onFrameTimeout(this);
    }

    /** Called by the gateway when the idle timeout passed without inbound traffic. */
    public final void idleTimedOut() {
        closeWith(LogoutReason.IDLE_TIMEOUT);
    }

    /**
     * Called by the gateway when the connection kept more unsent bytes than its high-water mark for the
     * slow-consumer timeout: closes it as {@link LogoutReason#SLOW_CONSUMER}.
     */
    public final void fellBehind(long pendingBytes) {
        closeLogged(LogoutReason.SLOW_CONSUMER, pendingBytes + " bytes still unsent after "
                + hub.config().getOutbound().getSlowConsumerTimeout() + " (slow consumer)");
    }

    public final Transport transport() {
        return transport;
    }

    public final InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    public final boolean isClosed() {
        return closed;
    }

    /**
     * Writes a packet. Fails with {@link PacketTooLargeException} when it exceeds the transport's outbound limit;
     * completes when the bytes reached the socket buffer, which is not delivery.
     */
    public final CompletableFuture<Void> write(Packet packet) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        CompletionStage<Void> transportWrite;
        synchronized (this) {
            transportWrite = writePacket(packet);
        }
        transportWrite.whenComplete((ok, failure) -> {
            if (failure == null) {
                written.complete(null);
            }
            else {
                failOffTheEventLoop(written, failure);
            }
        });
        return written;
    }

    /**
     * Writes a packet whose outcome nobody waits for (an answer to a keep-alive, an ACK passed on): the same write
     * without the future that {@link #write} completes, which is garbage on a path taken for every message.
     */
    final void writeAndForget(Packet packet) {
        synchronized (this) {
            writePacket(packet);
        }
    }

    /**
     * A failed write (closed channel, or over the outbound limit in the pipeline's encoder) is reported on the event
     * loop; what callers do next (offline hand-off, listener calls) must not run there, so it completes on the
     * dispatch pool.
     */
    private void failOffTheEventLoop(CompletableFuture<Void> written, Throwable cause) {
        try {
            hub.dispatchPool().execute(() -> written.completeExceptionally(cause));
        }
        catch (RejectedExecutionException stopping) {
            written.completeExceptionally(cause);
        }
    }

    /** Writes the packet, then closes once it is written (or failed). */
    final void writeThenClose(Packet packet) {
        write(packet).whenComplete((ok, failure) -> closeTransport());
    }

    /**
     * Runs {@code action} under the write lock (this connection's monitor), so that nothing else is written in
     * between (login, section 6.1).
     */
    final void exclusively(Runnable action) {
        synchronized (this) {
            action.run();
        }
    }

    /** Records why the connection ends (the first reason wins) and closes it. */
    final void closeWith(Enum<?> reason) {
        markEnding(reason);
        closeTransport();
    }

    /** Records why the connection ends without closing it yet; false if a reason was already set. */
    final boolean markEnding(Enum<?> reason) {
        return END_REASON.compareAndSet(this, null, reason);
    }

    final Enum<?> endReason() {
        return endReason;
    }

    final SessionInfo session() {
        return session;
    }

    final void bind(SessionInfo session) {
        this.session = session;
    }

    /** Whether a login bound a session to this connection; it stays bound until the connection ends. */
    public final boolean isLoggedIn() {
        return session != null;
    }

    final void loginDeadline(Future<?> deadline) {
        this.loginDeadline = deadline;
    }

    /**
     * Cancels the login deadline, if one is running: the connection logged in or ended. Dropping it frees the
     * scheduled task at once rather than when the login timeout passes.
     */
    final void cancelLoginDeadline() {
        Future<?> deadline = loginDeadline;
        if (deadline != null) {
            loginDeadline = null;
            deadline.cancel(false);
        }
    }

    /** The user id for packets sent to this connection: the session's user, or "-1" when not logged in. */
    final String peerId() {
        SessionInfo current = session;
        return current == null ? UserIds.UNKNOWN : current.userId();
    }

    final SerialInbox inbox() {
        return inbox;
    }

    /** Rate limit for inbound packets, keep-alives and logouts having their own; only called on the event loop. */
    final boolean tryAcceptPacket(boolean keepAliveOrLogout) {
        ImServerConfig config = hub.config();
        if (keepAliveOrLogout) {
            int keepAlivesPerSecond = config.getRateLimit().getKeepAlivesPerSecond();
            long next = TokenBucket.take(keepAliveRate, keepAlivesPerSecond, 2 * keepAlivesPerSecond);
            keepAliveRate = next == TokenBucket.EMPTY ? keepAliveRate : next;
            return next != TokenBucket.EMPTY;
        }
        ImServerConfig.RateLimit limit = config.getRateLimit();
        long next = TokenBucket.take(packetRate, limit.getPacketsPerSecond(), limit.getBurst());
        packetRate = next == TokenBucket.EMPTY ? packetRate : next;
        return next != TokenBucket.EMPTY;
    }

    /**
     * Counts a packet refused with 305; false once the connection has had more refusals than
     * {@code close-after-refused} within {@code refused-window}, and then it is flooding. Only called on the event
     * loop.
     */
    final boolean tryAcceptRefusal() {
        ImServerConfig.RateLimit limit = hub.config().getRateLimit();
        long next = TokenBucket.take(refusals, limit.getCloseAfterRefused() / (limit.getRefusedWindow().toNanos() / 1e9),
                limit.getCloseAfterRefused());
        refusals = next == TokenBucket.EMPTY ? refusals : next;
        return next != TokenBucket.EMPTY;
    }

    /** Closes the connection as {@link LogoutReason#FLOODING}. */
    final void closeForFlooding() {
        ImServerConfig.RateLimit limit = hub.config().getRateLimit();
        closeLogged(LogoutReason.FLOODING, "more than " + limit.getCloseAfterRefused() + " packets refused within "
                + limit.getRefusedWindow() + " (flooding)");
    }

    /** Closes with {@code reason}, logging why unless the connection was ending already. */
    private void closeLogged(LogoutReason reason, String why) {
        if (markEnding(reason)) {
            closes.warn("IM closed {}: {}", this, why);
        }
        closeTransport();
    }

    /** Rate limit for outbound error packets. */
    final boolean tryAcceptError() {
        SlidingWindowLimit limit;
        synchronized (this) {
            // Created on the first error: most connections never get one, and this saves heap per connection.
            if (errorRate == null) {
                errorRate = new SlidingWindowLimit(hub.config().getMaxErrorRate());
            }
            limit = errorRate;
        }
        return limit.tryAcquire();
    }

    final SessionInfo newSession(String userId, long firstLoginTime) {
        return new SessionInfo(userId, transport, remoteAddress, firstLoginTime, Instant.now());
    }

    @Override
    public String toString() {
        SessionInfo current = session;
        return transport + " " + remoteAddress + (current == null ? "" : " user " + current.userId());
    }
}
