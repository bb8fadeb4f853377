package io.imstarter.server;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.store.LoginRevocations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles type 0 (section 6): decode, verify off the event loop (the verifier, then a kick that still refuses the
 * user), then the duplicate-login rules. Refusals are throttled per user and address ({@link RefusedLoginThrottle}).
 */
final class LoginProcessor {

    private static final Logger log = LoggerFactory.getLogger(LoginProcessor.class);

    private final ImServerConfig config;
    private final LoginVerifier verifier;
    private final LoginRevocations revocations;
    private final Executor decisionPool;
    private final ScheduledExecutorService scheduler;
    private final RefusedLoginThrottle throttle;
    private final RefusedLoginLog refusedLog;
    private final SessionRegistry registry;
    private final ErrorReplies errors;
    private final Notifier notifier;
    private final ImServerStats stats;
    private final OfflineReplay replay;
    private final ClusterRouting cluster;

    LoginProcessor(ImServerConfig config, LoginVerifier verifier, LoginRevocations revocations, Executor decisionPool,
            ScheduledExecutorService scheduler, SessionRegistry registry, ErrorReplies errors, Notifier notifier,
            ImServerStats stats, OfflineReplay replay, ClusterRouting cluster) {
        this.config = config;
        this.verifier = verifier;
        this.revocations = revocations;
        this.decisionPool = decisionPool;
        this.scheduler = scheduler;
        this.throttle = new RefusedLoginThrottle(config.getRefusedLogins(), System::currentTimeMillis);
        this.refusedLog = new RefusedLoginLog(config.getRefusedLogins().getLogInterval(), scheduler);
        this.registry = registry;
        this.errors = errors;
        this.notifier = notifier;
        this.stats = stats;
        this.replay = replay;
        this.cluster = cluster;
    }

    /**
     * Whether {@link #handle} may run on the event loop: the allow-all verifier is not called and one that never
     * blocks is called in line, the revocations are held in memory; nothing else of the application is (its listener
     * calls are queued, see {@link #loggedIn}), and a cluster claim is a future.
     */
    boolean neverBlocks() {
        return (verifier == LoginVerifier.ALLOW_ALL || verifier.neverBlocks()) && revocations.neverBlocks();
    }

    /** Returns a stage that completes when the login is settled, so the connection's next packet waits for it. */
    CompletionStage<?> handle(Connection connection, Packet packet) {
        LoginInfo info;
        try {
            info = PacketCodec.decodePayload(packet.dataContent(), LoginInfo.class);
        }
        catch (MalformedPacketException ex) {
            errors.send(connection, ErrorCode.MALFORMED, "The login payload (LoginInfo) is not a valid JSON object",
                    packet.fp());
            return done();
        }
        String userId = info.loginUserId();
        if (!UserIds.isLoginable(userId)) {
            errors.send(connection, ErrorCode.MALFORMED,
                    "The loginUserId must be a non-empty user id other than \"0\" and \"-1\"", packet.fp());
            return done();
        }
        if (connection.isLoggedIn()) {
            if (connection.session().userId().equals(userId)) {
                return accept(connection, info);
            }
            errors.send(connection, ErrorCode.FROM_MISMATCH, "This connection is logged in as "
                    + connection.session().userId() + "; log out before logging in as another user", packet.fp());
            return done();
        }
        if (throttle.shutOut(userId, connection.remoteAddress())) {
            stats.recordLoginShutOut();
            refusedLog.shutOut(userId, connection.remoteAddress(), connection.transport());
            connection.closeTransport();
            return done();
        }
        LoginRequest request = new LoginRequest(userId, info.loginToken(), info.extra(), connection.transport(),
                connection.remoteAddress());
        if (neverBlocks()) {
            // Nothing here can block: answered on this turn (the event loop's or the dispatch pool's), without the
            // hop to the decision pool and back (and its timeout), which a login storm would otherwise pay per login.
            return settleVerdict(connection, info, request, decideHere(request));
        }
        return verify(request).thenCompose(code -> settleVerdict(connection, info, request, code));
    }

    private CompletionStage<?> settleVerdict(Connection connection, LoginInfo info, LoginRequest request, int code) {
        if (connection.isClosed()) {
            return done();
        }
        if (code == ErrorCode.OK) {
            throttle.accepted(request.userId());
            return accept(connection, info);
        }
        return refuse(connection, request, code);
    }

    /**
     * The verifier's verdict (the allow-all one is not called), then {@link ErrorCode#LOGIN_SUSPENDED} for a user
     * whose kick still refuses it.
     */
    private int decide(LoginRequest request) {
        int code = verifier == LoginVerifier.ALLOW_ALL ? ErrorCode.OK : verifier.verify(request);
        return code == ErrorCode.OK ? suspension(request) : code;
    }

    private int suspension(LoginRequest request) {
        boolean suspended = revocations.find(request.userId())
                .filter(revocation -> revocation.refusesLoginsAt(Instant.now())).isPresent();
        return suspended ? ErrorCode.LOGIN_SUSPENDED : ErrorCode.OK;
    }

    /** Decides on this thread when nothing blocks; a failure refuses with code 2, as on the decision pool. */
    private int decideHere(LoginRequest request) {
        try {
            return decide(request);
        }
        catch (RuntimeException ex) {
            log.warn("IM login verifier failed for user {}", request.userId(), ex);
            return ErrorCode.UNKNOWN_ERROR;
        }
    }

    private CompletableFuture<Integer> verify(LoginRequest request) {
        CompletableFuture<Integer> verdict;
        try {
            verdict = CompletableFuture.supplyAsync(() -> decide(request), decisionPool);
        }
        catch (RejectedExecutionException ex) {
            log.warn("IM login of {} refused: the login verifier's queue is full", request.userId());
            return CompletableFuture.completedFuture(ErrorCode.UNKNOWN_ERROR);
        }
        return verdict.orTimeout(config.getLoginVerifyTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> {
                    log.warn("IM login verifier failed or timed out for user {}", request.userId(), failure);
                    return ErrorCode.UNKNOWN_ERROR;
                });
    }

    /**
     * Answers a refused login, held back by the throttle; returns a stage that completes once it is answered, so that
     * the connection's next packet waits. Code 2 (the verifier failed or timed out) is the server's fault and counts
     * against nobody.
     */
    private CompletionStage<?> refuse(Connection connection, LoginRequest request, int code) {
        stats.recordLoginFailed();
        notifier.notify("login failed", listener -> listener.onLoginFailed(request, code));
        if (code == ErrorCode.UNKNOWN_ERROR) {
            answerRefusal(connection, code);
            return done();
        }
        refusedLog.refused(request.userId(), request.remoteAddress(), request.transport(), code);
        Duration delay = throttle.refused(request.userId(), request.remoteAddress());
        if (delay.isZero()) {
            answerRefusal(connection, code);
            return done();
        }
        stats.recordLoginAnsweredLate();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        try {
            scheduler.schedule(() -> {
                answerRefusal(connection, code);
                answered.complete(null);
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (RejectedExecutionException stopping) {
            answerRefusal(connection, code);
            return done();
        }
        return answered;
    }

    private static void answerRefusal(Connection connection, int code) {
        Packet reply = Packet.control(PacketType.LOGIN_RESPONSE,
                PacketCodec.encodePayload(new LoginResponse(code, -1)), UserIds.SERVER, UserIds.UNKNOWN);
        if (connection.transport() == Transport.UDP) {
            connection.write(reply);
        }
        else {
            connection.writeThenClose(reply);
        }
    }

    /**
     * Claims the user in the cluster, then applies the duplicate-login rules here. The returned stage holds the
     * connection's next packet until the claim is settled, without holding a dispatch thread while it travels.
     */
    private CompletableFuture<Void> accept(Connection connection, LoginInfo info) {
        long sent = info.firstLoginTime();
        long stored = sent > 0 ? sent : System.currentTimeMillis();
        return cluster.claim(connection.newSession(info.loginUserId(), stored), sent)
                .thenAccept(claimed -> settle(connection, info, stored, claimed));
    }

    private void settle(Connection connection, LoginInfo info, long stored, boolean claimed) {
        long sent = info.firstLoginTime();
        String userId = info.loginUserId();
        Packet ok = Packet.control(PacketType.LOGIN_RESPONSE,
                PacketCodec.encodePayload(new LoginResponse(ErrorCode.OK, stored)), UserIds.SERVER, userId);
        if (!claimed) {
            stats.recordLoginSucceeded();
            connection.write(ok);
            turnAway(connection, userId, stored, KickReason.STALE_LOGIN, null);
            return;
        }
        SessionRegistry.LoginResult result = registry.login(connection, userId, sent, stored,
                () -> connection.write(ok));
        stats.recordLoginSucceeded();
        switch (result.outcome()) {
            case NEW, RELOGIN -> loggedIn(connection);
            case DUPLICATE -> {
                displaced(result.displaced(), KickReason.DUPLICATE_LOGIN);
                loggedIn(connection);
            }
            case REPLACED -> {
                displaced(result.displaced(), KickReason.REPLACED);
                loggedIn(connection);
            }
            case STALE -> turnAway(connection, userId, stored, KickReason.STALE_LOGIN, null);
            case REJECTED -> turnAway(connection, userId, stored, KickReason.REJECTED_DUPLICATE,
                    "already logged in on another connection");
        }
    }

    /** The newcomer lost to the registered session: 54 code 1 after its 50, then a close; never registered. */
    private void turnAway(Connection connection, String userId, long firstLoginTime, KickReason reason,
            String text) {
        SessionInfo turnedAway = connection.newSession(userId, firstLoginTime);
        connection.markEnding(reason);
        connection.writeThenClose(kickout(userId, KickoutInfo.DUPLICATE_LOGIN, text));
        kicked(turnedAway, reason);
    }

    /**
     * Ends a session that a newer login (here or on another node) displaced and that is no longer registered: 54
     * for a different client instance, a silent close for the same one reconnecting (section 6.3).
     */
    void displaced(Connection old, KickReason reason) {
        if (reason == KickReason.REPLACED) {
            old.markEnding(KickReason.REPLACED);
            old.closeTransport();
            kicked(old.session(), KickReason.REPLACED);
        }
        else {
            kickOut(old, reason, null);
        }
    }

    /** Kicks every session of a user registered here (54 code 2 with the reason, then close); false when none. */
    boolean kick(String userId, String reason) {
        List<Connection> sessions = registry.removeAll(userId);
        for (Connection connection : sessions) {
            kickOut(connection, KickReason.ADMIN, reason);
        }
        return !sessions.isEmpty();
    }

    /** Writes 54 to a displaced or kicked session, closes it after the write and notifies the kick. */
    void kickOut(Connection connection, KickReason reason, String text) {
        SessionInfo session = connection.session();
        connection.markEnding(reason);
        int code = reason == KickReason.ADMIN ? KickoutInfo.KICKED_BY_APPLICATION : KickoutInfo.DUPLICATE_LOGIN;
        connection.writeThenClose(kickout(session.userId(), code, text));
        kicked(session, reason);
    }

    static Packet kickout(String userId, int code, String reason) {
        return Packet.control(PacketType.KICKOUT, PacketCodec.encodePayload(new KickoutInfo(code, reason)),
                UserIds.SERVER, userId);
    }

    /**
     * After the 50 is queued (section 6.1 step 5), so a replayed message always follows it on the connection. A login
     * handled on the event loop queues the replay and {@code LoggedIn} on the connection's inbox, which runs them on
     * the dispatch pool before anything the connection queues later, its {@code LoggedOut} included; its inbox was
     * idle, so the task fits.
     */
    private void loggedIn(Connection connection) {
        connection.cancelLoginDeadline();
        SessionInfo session = connection.session();
        // At once, not with the listeners: a displacement that arrived before the registration ends it now.
        cluster.registered(session);
        Runnable tell = () -> {
            replay.loggedIn(connection);
            notifier.notify("logged in", listener -> listener.onLoggedIn(session));
        };
        boolean nothingToTell = replay == OfflineReplay.NONE && !notifier.hasListeners();
        if (nothingToTell || !IoThread.isCurrent() || !connection.inbox().offer(() -> {
            tell.run();
            return done();
        })) {
            tell.run();
        }
    }

    private void kicked(SessionInfo session, KickReason reason) {
        stats.recordKick();
        notifier.notify("kicked", listener -> listener.onKicked(session, reason));
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
