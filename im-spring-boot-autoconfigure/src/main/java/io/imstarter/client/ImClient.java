package io.imstarter.client;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.UserIds;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded IM client: one user's session with keep-alive, automatic re-login with backoff and its own QoS
 * (wire protocol sections 6.4, 8 and 9.6). With several {@link ImClientConfig#servers() servers} it fails over: a
 * login tries each in order until one answers, and a lost link or a failed re-login moves it to the next, wrapping
 * round, while its outbox keeps every unacknowledged message for the next server. Instance state only; many live
 * in one JVM, sharing the event loop group, scheduler and callback executor their owner hands in (and closes).
 * Thread-safe.
 *
 * <p>State changes happen under a private lock, taken briefly by event loops, the scheduler and callers;
 * nothing blocks while holding it. Listeners and returned futures complete on the callback executor, in order.
 */
public final class ImClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImClient.class);

    /** How a type 52 names the rejected packet's fingerprint, at the end of its message (section 4). */
    private static final String REJECTED_FP = " fp=";

    /** The link check runs this often at most (section 8), more often when the link timeout is short. */
    private static final long MAX_LINK_CHECK_MILLIS = 2000;

    private final ImClientConfig config;
    private final LinkConnector connector;
    private final ScheduledExecutorService scheduler;
    private final CallbackQueue callbacks;
    private final ListenerList listeners = new ListenerList();
    private final ReloginBackoff backoff;
    private final Inbox inbox;
    private final Outbox outbox;
    private final LinkListener linkListener = new LinkListener() {
        @Override
        public void onPacket(Link link, Packet packet) {
            received(link, packet);
        }

        @Override
        public void onClosed(Link link) {
            linkClosed(link);
        }

        @Override
        public void onPortUnreachable(Link link) {
            portUnreachable(link);
        }
    };

    private volatile ClientState state = ClientState.DISCONNECTED;
    private volatile String userId;
    private volatile long firstLoginTime;
    /** The server of the current or last attempt. */
    private volatile ServerAddress target;

    /** Guards the fields below; private, so that no caller can hold it while an event loop waits. */
    private final Object lock = new Object();
    private LoginInfo credentials;
    private Link link;
    private CompletableFuture<LoginResponse> pendingLogin;
    private ScheduledFuture<?> loginTimer;
    private ScheduledFuture<?> reloginTimer;
    private ScheduledFuture<?> keepAliveTimer;
    private ScheduledFuture<?> linkCheckTimer;
    private boolean attempting;
    private int reloginAttempt;
    /** Where {@link #target} is in {@link ImClientConfig#servers()}. */
    private int serverIndex;
    /** While a caller's login is pending: the servers it has yet to try before it fails. */
    private int untriedServers;
    private long lastAnswerNanos;
    private final ArrayDeque<QueuedSend> queued = new ArrayDeque<>();

    public ImClient(ImClientConfig config, EventLoopGroup group, ScheduledExecutorService scheduler,
            Executor callbackExecutor) {
        Objects.requireNonNull(config, "config");
        config.validate();
        this.config = config;
        this.connector = new LinkConnector(this.config, Objects.requireNonNull(group, "group"));
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.callbacks = new CallbackQueue(Objects.requireNonNull(callbackExecutor, "callbackExecutor"), scheduler);
        this.backoff = new ReloginBackoff(this.config.getRelogin().effectiveInitialDelay(config.getTransport()),
                this.config.getRelogin().getMaxInterval(),
                this.config.getRelogin().getJitter());
        this.inbox = new Inbox(this.config.getDedupWindow(), this.config.getDedupMaxEntries(),
                this.config.getMaxUnhandledMessages(), callbacks, listeners, this::loggedInLink);
        this.outbox = new Outbox(this.config.getQos(), this::loggedInLink, this::userId, callbacks, listeners);
        // Runs from the start and through outages, so that every QoS message ends acknowledged or lost.
        outbox.start(scheduler);
    }

    /** Connects and logs in; the future completes with the server's answer, or fails with {@link ImClientException}. */
    public CompletableFuture<LoginResponse> login(String userId, String token, String extra) {
        if (!UserIds.isLoginable(userId)) {
            return CompletableFuture.failedFuture(unloginable(userId));
        }
        synchronized (lock) {
            if (state == ClientState.CLOSED) {
                return CompletableFuture.failedFuture(closedError());
            }
            RuntimeException unresolvable = unresolvableServers();
            if (unresolvable != null) {
                return CompletableFuture.failedFuture(new ImClientException(ErrorCode.SERVER_ADDRESS_NOT_SET,
                        "No server to connect to: " + unresolvable.getMessage(), unresolvable));
            }
            if (state == ClientState.KICKED) {
                // Logging in again after a kick is the user taking over: a fresh login wins (section 6.3).
                firstLoginTime = 0;
            }
            if (!userId.equals(this.userId)) {
                // Another identity: its first login starts a fresh firstLoginTime, and queued sends were not its.
                firstLoginTime = 0;
                failQueued(ErrorCode.SEND_FAILED, "the client logged in as another user before the message was sent");
            }
            failPendingLogin(new ImClientException(ErrorCode.UNKNOWN_ERROR, "superseded by a newer login call"));
            stopLinkAndTimers();
            this.userId = userId;
            credentials = new LoginInfo(userId, token, extra, 0);
            CompletableFuture<LoginResponse> result = new CompletableFuture<>();
            pendingLogin = result;
            state = ClientState.CONNECTING;
            serverIndex = 0;
            untriedServers = config.serverCount() - 1;
            startAttempt();
            return result;
        }
    }

    /** Sends a QoS message; completes with the fingerprint on ACK, fails with {@link ImClientException} when lost. */
    public CompletableFuture<String> send(String toUserId, String content, int typeu) {
        return send(toUserId, content, typeu, true);
    }

    /**
     * Sends a message; without QoS the future completes with null once written. While not logged in,
     * {@link ImClientConfig#sendWhileDisconnected()} decides: queue it for the login under way (a QoS message's
     * retry clock starts when it is written, section 9.6) or fail at once with code 3; with no login under way
     * (after a logout or a refused login) it fails with code 3 either way. A receiver that is empty, null or
     * "-1", or a message over the transport's size limit, fails with code 4.
     */
    public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos) {
        return send(toUserId, content, typeu, qos, null);
    }

    /**
     * As {@link #send(String, String, int, boolean)}, with the caller's fingerprint (a fresh one when null), so the
     * caller knows the message id before the ACK arrives.
     */
    public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos, String fp) {
        if (toUserId == null || toUserId.isEmpty() || UserIds.UNKNOWN.equals(toUserId)) {
            return failed(ErrorCode.INVALID_PACKET, "Cannot send to '" + toUserId
                    + "': the receiver must be a user id, or \"0\" for the server");
        }
        if (content == null) {
            return failed(ErrorCode.INVALID_PACKET, "Cannot send a message without content");
        }
        synchronized (lock) {
            if (state == ClientState.CLOSED) {
                return CompletableFuture.failedFuture(closedError());
            }
            if (userId == null) {
                return failed(ErrorCode.CLIENT_NOT_INITIALIZED, "Call login before sending: the sender is unknown");
            }
            Packet packet = Packet.of(PacketType.DATA, content, userId, toUserId, fp, qos, typeu);
            int size = PacketCodec.encodeToBytes(packet).length;
            int limit = LinkConnector.maxOutboundBytes(config);
            if (size > limit) {
                return failed(ErrorCode.INVALID_PACKET, "The message encodes to " + size + " bytes, over the "
                        + config.getTransport() + " limit of " + limit + " bytes");
            }
            CompletableFuture<String> result = new CompletableFuture<>();
            if (state == ClientState.LOGGED_IN) {
                outbox.send(link, packet, result);
            }
            else if (state == ClientState.KICKED) {
                return failed(ErrorCode.SEND_FAILED, "The client was kicked; log in again before sending");
            }
            else if (config.getSendWhileDisconnected() == SendWhileDisconnected.FAIL_FAST) {
                return failed(ErrorCode.SEND_FAILED, "Not logged in (state " + state + "); the message was not sent");
            }
            else if (state == ClientState.DISCONNECTED) {
                // No login is under way, so a queued message would wait for nobody.
                return failed(ErrorCode.SEND_FAILED, "Not logged in and no login under way (state DISCONNECTED);"
                        + " call login before sending");
            }
            else {
                if (queued.size() >= config.getMaxQueuedSends()) {
                    return failed(ErrorCode.SEND_FAILED, "Not logged in and " + queued.size()
                            + " messages already wait for the login (im.client.max-queued-sends); not sent");
                }
                if (packet.requiresAck() && !outbox.hold(packet, result)) {
                    return CompletableFuture.failedFuture(outbox.refusal(packet));
                }
                queued.add(new QueuedSend(packet, result));
            }
            return result;
        }
    }

    public void addListener(ImClientListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ImClientListener listener) {
        listeners.remove(listener);
    }

    public ClientState state() {
        return state;
    }

    /** The user id of the last login call, or null before one. */
    public String userId() {
        return userId;
    }

    /** The server this client is logged in on, or null while it is not logged in. */
    public ServerAddress server() {
        synchronized (lock) {
            return state == ClientState.LOGGED_IN ? target : null;
        }
    }

    /** The firstLoginTime kept from the first successful login, or 0 before one. */
    public long firstLoginTime() {
        return firstLoginTime;
    }

    /** QoS messages sent and not yet acknowledged or reported lost. */
    public int pendingQos() {
        return outbox.pendingCount();
    }

    /** Messages received and not yet handled by the listeners (bounded by {@code maxUnhandledMessages}). */
    public int unhandledMessages() {
        return inbox.unhandledCount();
    }

    /** Messages refused because the backlog was full: QoS ones were not ACKed (their senders re-send them). */
    public long messagesRefusedForBacklog() {
        return inbox.refusedCount();
    }

    /**
     * Sends type 3, stops keep-alive and re-login, and closes the link. Received messages the listeners have not
     * started on are discarded unACKed, so their senders re-send them to the next session.
     */
    public CompletableFuture<Void> logout() {
        Link loggedIn;
        synchronized (lock) {
            if (state == ClientState.CLOSED) {
                return CompletableFuture.completedFuture(null);
            }
            loggedIn = state == ClientState.LOGGED_IN ? link : null;
            link = null;
            if (loggedIn == null) {
                stopLinkAndTimers();
            }
            else {
                cancelTimers();
            }
            failPendingLogin(new ImClientException(ErrorCode.UNKNOWN_ERROR, "logged out before the login finished"));
            failQueued(ErrorCode.SEND_FAILED, "the client logged out before the message was sent");
            inbox.discardBacklog();
            state = ClientState.DISCONNECTED;
            credentials = null;
            // A logout ends this instance's identity: the next login is a first login again (section 6.2).
            firstLoginTime = 0;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (loggedIn == null) {
            done.complete(null);
        }
        else {
            Packet logout = Packet.control(PacketType.LOGOUT, null, userId, UserIds.SERVER);
            // The session ends either way: the server treats a failed logout write as a closed connection.
            loggedIn.writeAndClose(logout).whenComplete((ignored, error) -> callbacks.complete(done, null));
        }
        return done;
    }

    /**
     * Releases everything this client holds, without a logout; the shared event loop group stays open. Received
     * messages the listeners have not started on are discarded unACKed, as on {@link #logout()}.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (state == ClientState.CLOSED) {
                return;
            }
            state = ClientState.CLOSED;
            stopLinkAndTimers();
            failPendingLogin(closedError());
            failQueued(ErrorCode.SEND_FAILED, "the client closed before the message was sent");
            inbox.discardBacklog();
            outbox.close();
        }
    }

    @Override
    public String toString() {
        ServerAddress server = target;
        return "ImClient[" + userId + ", " + config.getTransport() + " " + (server != null ? server : config.getHost())
                + ", " + state + "]";
    }

    // ---- connecting and logging in ----

    /** Why the server list cannot be resolved now (e.g. an embedded server whose port is not bound yet), or null. */
    private RuntimeException unresolvableServers() {
        try {
            config.serverAddresses();
            return null;
        }
        catch (IllegalArgumentException | IllegalStateException unresolvable) {
            return unresolvable;
        }
    }

    /** Opens a new link to the current server and sends the login once it is ready. Caller holds the lock. */
    private void startAttempt() {
        List<ServerAddress> servers = config.serverAddresses();
        target = servers.get(serverIndex % servers.size());
        Link attempt = connector.connect(target, linkListener);
        link = attempt;
        attempting = true;
        attempt.ready().whenComplete((ignored, error) -> linkReady(attempt, error));
    }

    private void linkReady(Link attempt, Throwable error) {
        synchronized (lock) {
            if (attempt != link) {
                return;
            }
            if (error != null) {
                attemptFailed(attempt, ErrorCode.CONNECT_FAILED, "Could not connect to " + target + " over "
                        + config.getTransport() + ": " + error.getMessage());
                return;
            }
            LoginInfo info = new LoginInfo(credentials.loginUserId(), credentials.loginToken(), credentials.extra(),
                    firstLoginTime);
            Packet login = Packet.control(PacketType.LOGIN, PacketCodec.encodePayload(info), info.loginUserId(),
                    UserIds.SERVER);
            attempt.write(login).whenComplete((done, writeError) -> {
                if (writeError != null) {
                    loginWriteFailed(attempt, writeError);
                }
            });
            long timeout = config.getLoginTimeout().toMillis();
            loginTimer = scheduler.schedule(() -> loginTimedOut(attempt), timeout, TimeUnit.MILLISECONDS);
        }
    }

    private void loginWriteFailed(Link attempt, Throwable error) {
        synchronized (lock) {
            attemptFailed(attempt, ErrorCode.CONNECT_FAILED, "Could not send the login: " + error.getMessage());
        }
    }

    private void loginTimedOut(Link attempt) {
        synchronized (lock) {
            if (attempt == link && attempting) {
                attemptFailed(attempt, ErrorCode.CONNECT_FAILED, "No login response from " + target + " within "
                        + config.getLoginTimeout().toMillis() + " ms");
            }
        }
    }

    /**
     * An attempt ended without a login: try the caller's login on the next server it has not tried, else fail it;
     * or move a re-login on to the next server after its backoff.
     */
    private void attemptFailed(Link attempt, int code, String message) {
        log.debug("{}: login attempt failed: {}", this, message);
        cancel(loginTimer);
        loginTimer = null;
        attempting = false;
        link = null;
        attempt.close();
        if (pendingLogin != null && untriedServers > 0) {
            // The caller waits, and nothing else is returning: the next server is tried at once.
            log.info("{}: {}; trying the next server", this, message);
            untriedServers--;
            nextServer();
            startAttempt();
        }
        else if (pendingLogin != null) {
            String reason = config.serverCount() > 1
                    ? message + " (after every server of " + config.serverAddresses() + " failed)" : message;
            state = ClientState.DISCONNECTED;
            failPendingLogin(new ImClientException(code, reason));
            failQueued(ErrorCode.SEND_FAILED, "the login failed: " + reason);
        }
        else if (state == ClientState.RECONNECTING) {
            nextServer();
            scheduleRelogin();
        }
    }

    /** Moves on to the next server, after the last back to the first; with one server it stays. */
    private void nextServer() {
        serverIndex = (serverIndex + 1) % config.serverCount();
    }

    private void loginAnswered(Link attempt, LoginResponse response) {
        synchronized (lock) {
            if (attempt != link || !attempting) {
                return;
            }
            cancel(loginTimer);
            loginTimer = null;
            attempting = false;
            String me = userId;
            ServerAddress answeredBy = target;
            if (response.accepted()) {
                if (firstLoginTime <= 0) {
                    firstLoginTime = response.firstLoginTime();
                }
                state = ClientState.LOGGED_IN;
                reloginAttempt = 0;
                startKeepAlive(attempt);
                completePendingLogin(response);
                notifyListeners(listener -> listener.onLoginResult(me, response, answeredBy));
                flushQueued(attempt);
            }
            else {
                link = null;
                attempt.close();
                state = ClientState.DISCONNECTED;
                ImClientException refused = new ImClientException(response.code(), "The server refused the login of "
                        + me + " with code " + response.code() + "; automatic re-login stopped");
                failPendingLogin(refused);
                failQueued(ErrorCode.SEND_FAILED, "the login was refused with code " + response.code());
                notifyListeners(listener -> listener.onLoginResult(me, response, answeredBy));
            }
        }
    }

    // ---- keep-alive and link loss ----

    /** Caller holds the lock. */
    private void startKeepAlive(Link loggedIn) {
        lastAnswerNanos = System.nanoTime();
        long interval = config.effectiveKeepAliveInterval().toMillis();
        long check = Math.max(10, Math.min(MAX_LINK_CHECK_MILLIS, config.effectiveLinkTimeout().toMillis() / 4));
        keepAliveTimer = scheduler.scheduleAtFixedRate(() -> sendKeepAlive(loggedIn), interval, interval,
                TimeUnit.MILLISECONDS);
        linkCheckTimer = scheduler.scheduleWithFixedDelay(() -> checkLink(loggedIn), check, check,
                TimeUnit.MILLISECONDS);
    }

    private void sendKeepAlive(Link loggedIn) {
        synchronized (lock) {
            if (loggedIn == link && state == ClientState.LOGGED_IN) {
                loggedIn.write(Packet.control(PacketType.KEEP_ALIVE, "{}", userId, UserIds.SERVER));
            }
        }
    }

    private void checkLink(Link loggedIn) {
        synchronized (lock) {
            if (loggedIn != link || state != ClientState.LOGGED_IN) {
                return;
            }
            long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastAnswerNanos);
            if (silentMillis > config.effectiveLinkTimeout().toMillis()) {
                log.info("{}: no keep-alive answer for {} ms; the link is lost", this, silentMillis);
                linkLost();
            }
        }
    }

    private void keepAliveAnswered(Link loggedIn) {
        synchronized (lock) {
            if (loggedIn == link) {
                lastAnswerNanos = System.nanoTime();
            }
        }
    }

    private void linkClosed(Link closed) {
        synchronized (lock) {
            if (closed != link) {
                return;
            }
            if (state == ClientState.LOGGED_IN) {
                log.info("{}: the server closed the connection", this);
                linkLost();
            }
            else if (attempting) {
                attemptFailed(closed, ErrorCode.CONNECTION_BROKEN, "The connection to " + target
                        + " closed before the login was answered");
            }
            else {
                // Not logged in and not logging in (e.g. after a 301): a re-login is already scheduled.
                link = null;
            }
        }
    }

    /**
     * UDP: nothing listens on the server's port. While a login waits for its answer that fails the attempt now
     * instead of at the login timeout; once logged in the keep-alive timeout decides, since the ICMP may come from a
     * server restarting on the same port.
     */
    private void portUnreachable(Link from) {
        synchronized (lock) {
            if (from == link && attempting) {
                attemptFailed(from, ErrorCode.CONNECT_FAILED, "Nothing listens on " + target + " over UDP"
                        + " (port unreachable)");
            }
        }
    }

    /** Caller holds the lock and is logged in. The re-login goes to the next server: this one just failed. */
    private void linkLost() {
        String me = userId;
        stopLinkAndTimers();
        state = ClientState.RECONNECTING;
        reloginAttempt = 0;
        notifyListeners(listener -> listener.onLinkClosed(me, ErrorCode.CONNECTION_BROKEN));
        nextServer();
        scheduleRelogin();
    }

    /** Caller holds the lock. */
    private void scheduleRelogin() {
        long delay = backoff.delayMillis(reloginAttempt++);
        log.debug("{}: re-login in {} ms", this, delay);
        reloginTimer = scheduler.schedule(this::relogin, delay, TimeUnit.MILLISECONDS);
    }

    private void relogin() {
        synchronized (lock) {
            if (state != ClientState.RECONNECTING) {
                return;
            }
            reloginTimer = null;
            Link previous = link;
            link = null;
            if (previous != null) {
                previous.close();
            }
            RuntimeException unresolvable = unresolvableServers();
            if (unresolvable != null) {
                // e.g. the embedded server is restarting: keep the re-login alive instead of dying in the timer
                log.info("{}: no server to log in to yet ({}); trying again after the back-off", this,
                        unresolvable.getMessage());
                scheduleRelogin();
                return;
            }
            startAttempt();
        }
    }

    // ---- inbound packets (on the link's event loop) ----

    private void received(Link from, Packet packet) {
        switch (packet.type()) {
            case PacketType.DATA -> messageReceived(from, packet);
            case PacketType.ACK -> ackReceived(packet);
            case PacketType.KEEP_ALIVE_RESPONSE -> keepAliveAnswered(from);
            case PacketType.LOGIN_RESPONSE -> decode(packet, LoginResponse.class,
                    response -> loginAnswered(from, response));
            case PacketType.ERROR -> decode(packet, ErrorResponse.class, error -> errorReceived(from, error));
            case PacketType.KICKOUT -> decode(packet, KickoutInfo.class, kickout -> kicked(from, kickout));
            default -> log.debug("{}: ignored a packet of type {}", this, packet.type());
        }
    }

    private <T> void decode(Packet packet, Class<T> type, Consumer<T> handler) {
        try {
            handler.accept(PacketCodec.decodePayload(packet.dataContent(), type));
        }
        catch (MalformedPacketException ex) {
            log.warn("{}: ignored a type {} with an unreadable payload: {}", this, packet.type(), ex.getMessage());
        }
    }

    private void messageReceived(Link from, Packet message) {
        synchronized (lock) {
            if (from != link) {
                return;
            }
        }
        inbox.received(from, message, userId);
    }

    private void ackReceived(Packet ack) {
        if (ack.dataContent() != null) {
            outbox.acknowledged(ack.dataContent());
        }
    }

    private void errorReceived(Link from, ErrorResponse error) {
        synchronized (lock) {
            if (from != link) {
                return;
            }
            String me = userId;
            notifyListeners(listener -> listener.onErrorResponse(me, error));
            if (error.errorCode() == ErrorCode.RATE_LIMITED) {
                String fp = rejectedFp(error.errorMsg());
                if (fp != null) {
                    outbox.rateLimited(fp);
                }
            }
            if (error.errorCode() == ErrorCode.NOT_LOGGED_IN && state == ClientState.LOGGED_IN) {
                // The server forgot us (section 6.4): re-login after one re-login interval, not a quick attempt.
                cancelTimers();
                state = ClientState.RECONNECTING;
                reloginAttempt = ReloginBackoff.FAST_ATTEMPTS;
                scheduleRelogin();
            }
        }
    }

    private void kicked(Link from, KickoutInfo kickout) {
        synchronized (lock) {
            if (from != link || state == ClientState.CLOSED) {
                return;
            }
            String me = userId;
            log.info("{}: kicked by the server (code {}, reason {})", this, kickout.code(), kickout.reason());
            stopLinkAndTimers();
            state = ClientState.KICKED;
            failPendingLogin(new ImClientException(ErrorCode.UNKNOWN_ERROR, "kicked by the server (code "
                    + kickout.code() + ")"));
            failQueued(ErrorCode.SEND_FAILED, "the client was kicked before the message was sent");
            inbox.discardBacklog();
            notifyListeners(listener -> listener.onKicked(me, kickout));
            notifyListeners(listener -> listener.onLinkClosed(me, ErrorCode.CONNECTION_BROKEN));
        }
    }

    // ---- outbound messages ----

    /** Caller holds the lock, logged in. */
    private void flushQueued(Link loggedIn) {
        QueuedSend next;
        while ((next = queued.poll()) != null) {
            if (next.packet().requiresAck()) {
                outbox.release(loggedIn, next.packet());
            }
            else {
                outbox.send(loggedIn, next.packet(), next.result());
            }
        }
    }

    /** The link re-sends go to: the current one while logged in, else null. */
    private Link loggedInLink() {
        synchronized (lock) {
            return state == ClientState.LOGGED_IN ? link : null;
        }
    }

    // ---- helpers (callers hold the lock where state is touched) ----

    private void stopLinkAndTimers() {
        cancelTimers();
        attempting = false;
        Link previous = link;
        link = null;
        if (previous != null) {
            previous.close();
        }
    }

    private void cancelTimers() {
        cancel(loginTimer);
        cancel(reloginTimer);
        cancel(keepAliveTimer);
        cancel(linkCheckTimer);
        loginTimer = null;
        reloginTimer = null;
        keepAliveTimer = null;
        linkCheckTimer = null;
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void completePendingLogin(LoginResponse response) {
        CompletableFuture<LoginResponse> waiting = pendingLogin;
        pendingLogin = null;
        if (waiting != null) {
            callbacks.complete(waiting, response);
        }
    }

    private void failPendingLogin(ImClientException error) {
        CompletableFuture<LoginResponse> waiting = pendingLogin;
        pendingLogin = null;
        if (waiting != null) {
            callbacks.fail(waiting, error);
        }
    }

    private void failQueued(int code, String reason) {
        QueuedSend next;
        while ((next = queued.poll()) != null) {
            Packet packet = next.packet();
            String fp = packet.fp() == null ? "" : " (fp=" + packet.fp() + ")";
            ImClientException error = new ImClientException(code, "The message to " + packet.to() + fp
                    + " was not sent: " + reason);
            if (packet.requiresAck()) {
                outbox.abandon(packet, error);
            }
            else {
                callbacks.fail(next.result(), error);
            }
        }
    }

    /** The fingerprint a type 52 names: its message ends with " fp=<fp>" (section 4); null when it names none. */
    static String rejectedFp(String errorMsg) {
        int at = errorMsg == null ? -1 : errorMsg.lastIndexOf(REJECTED_FP);
        if (at < 0 || at + REJECTED_FP.length() == errorMsg.length()) {
            return null;
        }
        return errorMsg.substring(at + REJECTED_FP.length());
    }

    private static <T> CompletableFuture<T> failed(int code, String message) {
        return CompletableFuture.failedFuture(new ImClientException(code, message));
    }

    /** The error for a login as a user id that cannot log in (section 3.2). */
    static ImClientException unloginable(String userId) {
        return new ImClientException(ErrorCode.INVALID_PACKET, "Cannot log in as '" + userId
                + "': a user id must be non-empty and neither \"0\" nor \"-1\"");
    }

    private ImClientException closedError() {
        return new ImClientException(ErrorCode.CLIENT_NOT_INITIALIZED, "The client of " + userId + " is closed");
    }

    private void notifyListeners(Consumer<ImClientListener> call) {
        callbacks.execute(() -> listeners.each(call));
    }


    /** A message waiting for the next login. */
    private record QueuedSend(Packet packet, CompletableFuture<String> result) {
    }
}
