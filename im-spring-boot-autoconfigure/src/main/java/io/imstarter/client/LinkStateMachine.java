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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's link and login (sections 6 and 8): connects and logs in, fails over from server to server, keeps the
 * link alive, re-logs in with backoff after a loss, and ends on logout, kick or close; each step moves the
 * {@link ClientState}. It alone changes the {@link ClientSession}, and tells the {@link MessagePath} when a login
 * lets its queued messages go or a session ends. State changes happen under the session's monitor, taken briefly by
 * event loops, the scheduler and callers; nothing blocks while holding it. Listeners and the login's future complete
 * on the callback queue, in order.
 */
final class LinkStateMachine implements LinkListener {

    private static final Logger log = LoggerFactory.getLogger(LinkStateMachine.class);

    private final ImClientConfig config;
    private final LinkConnector connector;
    private final ScheduledExecutorService scheduler;
    private final CallbackQueue callbacks;
    private final ListenerList listeners;
    private final ReloginBackoff backoff;
    private final ClientSession session;
    private final MessagePath messages;
    private final KeepAlive keepAlive;
    private final ServerRotation servers;

    private volatile long firstLoginTime;

    // Guarded by the session's monitor.
    private LoginInfo credentials;
    private CompletableFuture<LoginResponse> pendingLogin;
    private ScheduledFuture<?> loginTimer;
    private ScheduledFuture<?> reloginTimer;
    private boolean attempting;
    private int reloginAttempt;

    LinkStateMachine(ImClientConfig config, LinkConnector connector, ScheduledExecutorService scheduler,
            CallbackQueue callbacks, ListenerList listeners, ClientSession session, MessagePath messages) {
        this.config = config;
        this.connector = connector;
        this.scheduler = scheduler;
        this.callbacks = callbacks;
        this.listeners = listeners;
        this.session = session;
        this.messages = messages;
        this.servers = new ServerRotation(config);
        this.backoff = new ReloginBackoff(config.getRelogin().effectiveInitialDelay(config.getTransport()),
                config.getRelogin().getMaxInterval(),
                config.getRelogin().getJitter());
        this.keepAlive = new KeepAlive(config, scheduler, session, silentMillis -> {
            log.info("{}: no keep-alive answer for {} ms; the link is lost", this, silentMillis);
            linkLost();
        });
    }

    /** See {@link ImClient#login(String, String, String)}. */
    CompletableFuture<LoginResponse> login(String userId, String token, String extra) {
        if (!UserIds.isLoginable(userId)) {
            return CompletableFuture.failedFuture(unloginable(userId));
        }
        synchronized (session) {
            if (session.state() == ClientState.CLOSED) {
                return CompletableFuture.failedFuture(session.closedError());
            }
            RuntimeException unresolvable = servers.unresolvable();
            if (unresolvable != null) {
                return CompletableFuture.failedFuture(new ImClientException(ErrorCode.SERVER_ADDRESS_NOT_SET,
                        "No server to connect to: " + unresolvable.getMessage(), unresolvable));
            }
            if (session.state() == ClientState.KICKED) {
                // Logging in again after a kick is the user taking over: a fresh login wins (section 6.3).
                firstLoginTime = 0;
            }
            if (!userId.equals(session.userId())) {
                // Another identity: its first login starts a fresh firstLoginTime, and queued sends were not its.
                firstLoginTime = 0;
                messages.loginAbandoned("the client logged in as another user before the message was sent");
            }
            failPendingLogin(new ImClientException(ErrorCode.UNKNOWN_ERROR, "superseded by a newer login call"));
            stopLinkAndTimers();
            session.userId(userId);
            credentials = new LoginInfo(userId, token, extra, 0);
            CompletableFuture<LoginResponse> result = new CompletableFuture<>();
            pendingLogin = result;
            session.state(ClientState.CONNECTING);
            servers.restart();
            startAttempt();
            return result;
        }
    }

    /** See {@link ImClient#logout()}. */
    CompletableFuture<Void> logout() {
        Link loggedIn;
        synchronized (session) {
            if (session.state() == ClientState.CLOSED) {
                return CompletableFuture.completedFuture(null);
            }
            loggedIn = session.loggedInLink();
            if (loggedIn == null) {
                // Closes a login attempt under way, too.
                stopLinkAndTimers();
            }
            else {
                // The logged-in link stays open for the type 3, then closes.
                cancelTimers();
                session.link(null);
            }
            failPendingLogin(new ImClientException(ErrorCode.UNKNOWN_ERROR, "logged out before the login finished"));
            messages.sessionEnded("the client logged out before the message was sent");
            session.state(ClientState.DISCONNECTED);
            credentials = null;
            // A logout ends this instance's identity: the next login is a first login again (section 6.2).
            firstLoginTime = 0;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (loggedIn == null) {
            done.complete(null);
        }
        else {
            Packet logout = Packet.control(PacketType.LOGOUT, null, session.userId(), UserIds.SERVER);
            // The session ends either way: the server treats a failed logout write as a closed connection.
            loggedIn.writeAndClose(logout).whenComplete((ignored, error) -> callbacks.complete(done, null));
        }
        return done;
    }

    /** See {@link ImClient#close()}. */
    void close() {
        synchronized (session) {
            if (session.state() == ClientState.CLOSED) {
                return;
            }
            session.state(ClientState.CLOSED);
            stopLinkAndTimers();
            failPendingLogin(session.closedError());
            messages.close("the client closed before the message was sent");
        }
    }

    /** The server this client is logged in on, or null while it is not logged in. */
    ServerAddress server() {
        synchronized (session) {
            return session.state() == ClientState.LOGGED_IN ? servers.current() : null;
        }
    }

    /** The firstLoginTime kept from the first successful login, or 0 before one. */
    long firstLoginTime() {
        return firstLoginTime;
    }

    /** The error for a login as a user id that cannot log in (section 3.2). */
    static ImClientException unloginable(String userId) {
        return new ImClientException(ErrorCode.INVALID_PACKET, "Cannot log in as '" + userId
                + "': a user id must be non-empty and neither \"0\" nor \"-1\"");
    }

    @Override
    public String toString() {
        ServerAddress server = servers.current();
        return "ImClient[" + session.userId() + ", " + config.getTransport() + " "
                + (server != null ? server : config.getHost()) + ", " + session.state() + "]";
    }

    // ---- connecting and logging in ----

    /** Opens a new link to the current server and sends the login once it is ready. Caller holds the monitor. */
    private void startAttempt() {
        Link attempt = connector.connect(servers.pick(), this);
        session.link(attempt);
        attempting = true;
        attempt.ready().whenComplete((ignored, error) -> linkReady(attempt, error));
    }

    private void linkReady(Link attempt, Throwable error) {
        synchronized (session) {
            if (attempt != session.link()) {
                return;
            }
            if (error != null) {
                attemptFailed(attempt, ErrorCode.CONNECT_FAILED, "Could not connect to " + servers.current() + " over "
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
        synchronized (session) {
            attemptFailed(attempt, ErrorCode.CONNECT_FAILED, "Could not send the login: " + error.getMessage());
        }
    }

    private void loginTimedOut(Link attempt) {
        synchronized (session) {
            if (attempt == session.link() && attempting) {
                attemptFailed(attempt, ErrorCode.CONNECT_FAILED, "No login response from " + servers.current()
                        + " within " + config.getLoginTimeout().toMillis() + " ms");
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
        session.link(null);
        attempt.close();
        if (pendingLogin != null && servers.nextUntried()) {
            // The caller waits, and nothing else is returning: the next server is tried at once.
            log.info("{}: {}; trying the next server", this, message);
            startAttempt();
        }
        else if (pendingLogin != null) {
            String reason = servers.lastFailure(message);
            session.state(ClientState.DISCONNECTED);
            failPendingLogin(new ImClientException(code, reason));
            messages.loginAbandoned("the login failed: " + reason);
        }
        else if (session.state() == ClientState.RECONNECTING) {
            servers.next();
            scheduleRelogin();
        }
    }

    private void loginAnswered(Link attempt, LoginResponse response) {
        synchronized (session) {
            if (attempt != session.link() || !attempting) {
                return;
            }
            cancel(loginTimer);
            loginTimer = null;
            attempting = false;
            String me = session.userId();
            ServerAddress answeredBy = servers.current();
            if (response.accepted()) {
                if (firstLoginTime <= 0) {
                    firstLoginTime = response.firstLoginTime();
                }
                session.state(ClientState.LOGGED_IN);
                reloginAttempt = 0;
                keepAlive.start(attempt);
                completePendingLogin(response);
                notifyListeners(listener -> listener.onLoginResult(me, response, answeredBy));
                messages.loggedIn(attempt);
            }
            else {
                session.link(null);
                attempt.close();
                session.state(ClientState.DISCONNECTED);
                ImClientException refused = new ImClientException(response.code(), "The server refused the login of "
                        + me + " with code " + response.code() + "; automatic re-login stopped");
                failPendingLogin(refused);
                messages.loginAbandoned("the login was refused with code " + response.code());
                notifyListeners(listener -> listener.onLoginResult(me, response, answeredBy));
            }
        }
    }

    // ---- link loss and re-login ----

    @Override
    public void onClosed(Link closed) {
        synchronized (session) {
            if (closed != session.link()) {
                return;
            }
            if (session.state() == ClientState.LOGGED_IN) {
                log.info("{}: the server closed the connection", this);
                linkLost();
            }
            else if (attempting) {
                attemptFailed(closed, ErrorCode.CONNECTION_BROKEN, "The connection to " + servers.current()
                        + " closed before the login was answered");
            }
            else {
                // Not logged in and not logging in (e.g. after a 301): a re-login is already scheduled.
                session.link(null);
            }
        }
    }

    /**
     * UDP: nothing listens on the server's port. While a login waits for its answer that fails the attempt now
     * instead of at the login timeout; once logged in the keep-alive timeout decides, since the ICMP may come from a
     * server restarting on the same port.
     */
    @Override
    public void onPortUnreachable(Link from) {
        synchronized (session) {
            if (from == session.link() && attempting) {
                attemptFailed(from, ErrorCode.CONNECT_FAILED, "Nothing listens on " + servers.current() + " over UDP"
                        + " (port unreachable)");
            }
        }
    }

    /** Caller holds the monitor and is logged in. The re-login goes to the next server: this one just failed. */
    private void linkLost() {
        String me = session.userId();
        stopLinkAndTimers();
        session.state(ClientState.RECONNECTING);
        reloginAttempt = 0;
        notifyListeners(listener -> listener.onLinkClosed(me, ErrorCode.CONNECTION_BROKEN));
        servers.next();
        scheduleRelogin();
    }

    /** Caller holds the monitor. */
    private void scheduleRelogin() {
        long delay = backoff.delayMillis(reloginAttempt++);
        log.debug("{}: re-login in {} ms", this, delay);
        reloginTimer = scheduler.schedule(this::relogin, delay, TimeUnit.MILLISECONDS);
    }

    private void relogin() {
        synchronized (session) {
            if (session.state() != ClientState.RECONNECTING) {
                return;
            }
            reloginTimer = null;
            Link previous = session.link();
            session.link(null);
            if (previous != null) {
                previous.close();
            }
            RuntimeException unresolvable = servers.unresolvable();
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

    @Override
    public void onPacket(Link from, Inbound inbound) {
        Packet packet = inbound.packet();
        switch (packet.type()) {
            case PacketType.DATA -> messages.messageReceived(from, inbound);
            case PacketType.ACK -> messages.ackReceived(packet);
            case PacketType.KEEP_ALIVE_RESPONSE -> keepAlive.answered(from);
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

    private void errorReceived(Link from, ErrorResponse error) {
        synchronized (session) {
            if (from != session.link()) {
                return;
            }
            String me = session.userId();
            notifyListeners(listener -> listener.onErrorResponse(me, error));
            messages.errorReceived(error);
            if (error.errorCode() == ErrorCode.NOT_LOGGED_IN && session.state() == ClientState.LOGGED_IN) {
                // The server forgot us (section 6.4): re-login after one re-login interval, not a quick attempt.
                cancelTimers();
                session.state(ClientState.RECONNECTING);
                reloginAttempt = ReloginBackoff.FAST_ATTEMPTS;
                scheduleRelogin();
            }
        }
    }

    private void kicked(Link from, KickoutInfo kickout) {
        synchronized (session) {
            if (from != session.link() || session.state() == ClientState.CLOSED) {
                return;
            }
            String me = session.userId();
            log.info("{}: kicked by the server (code {}, reason {})", this, kickout.code(), kickout.reason());
            stopLinkAndTimers();
            session.state(ClientState.KICKED);
            failPendingLogin(new ImClientException(ErrorCode.UNKNOWN_ERROR, "kicked by the server (code "
                    + kickout.code() + ")"));
            messages.sessionEnded("the client was kicked before the message was sent");
            notifyListeners(listener -> listener.onKicked(me, kickout));
            notifyListeners(listener -> listener.onLinkClosed(me, ErrorCode.CONNECTION_BROKEN));
        }
    }

    // ---- helpers (callers hold the monitor) ----

    private void stopLinkAndTimers() {
        cancelTimers();
        attempting = false;
        Link previous = session.link();
        session.link(null);
        if (previous != null) {
            previous.close();
        }
    }

    private void cancelTimers() {
        cancel(loginTimer);
        cancel(reloginTimer);
        loginTimer = null;
        reloginTimer = null;
        keepAlive.stop();
    }

    static void cancel(ScheduledFuture<?> timer) {
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

    private void notifyListeners(Consumer<ImClientListener> call) {
        callbacks.execute(() -> listeners.each(call));
    }
}
