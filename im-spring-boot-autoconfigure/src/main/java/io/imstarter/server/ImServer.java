package io.imstarter.server;

import io.imstarter.protocol.InvalidSettingException;
import io.imstarter.protocol.Transport;
import io.imstarter.store.GroupStore;
import io.imstarter.store.InMemoryLoginRevocations;
import io.imstarter.store.LoginRevocation;
import io.imstarter.store.LoginRevocations;
import io.imstarter.store.MessageStore;
import io.imstarter.store.ReadPointerBuffer;
import io.imstarter.store.ReadStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IM server: TCP, UDP and WebSocket gateways sharing one session registry, one dispatcher and one set of
 * callbacks (wire protocol sections 5 to 10). Build it with {@link #builder(ImServerConfig)}, then
 * {@link #start()} and {@link #stop()}. Thread-safe.
 */
public final class ImServer {

    private static final Logger log = LoggerFactory.getLogger(ImServer.class);
    private static final int MAX_DECISION_THREADS = 32;
    private static final int STORE_THREADS = 2;

    private final ImServerConfig config;
    private final LoginVerifier loginVerifier;
    private final MessageInterceptor messageInterceptor;
    private final OfflineHandler offlineHandler;
    private final MessageStore messageStore;
    private final ReplaySettings replaySettings;
    private final LoginRevocations revocations;
    private final List<ImServerListener> listeners;
    private final ServerTransport transport;
    private final ClusterRouting cluster;
    private final GroupStore groupStore;
    private final GroupSettings groupSettings;
    private final GroupInterceptor groupInterceptor;
    private final ReceiptSettings receiptSettings;
    private final ReadStateStore readStateStore;
    private final ReadPointerBuffer readPointers;
    private final ImServerStats stats = new ImServerStats();
    private final SessionRegistry registry;
    private final Map<Transport, Gateway> gateways = new EnumMap<>(Transport.class);
    private volatile Runtime runtime;

    private ImServer(Builder builder) {
        this.config = builder.config;
        this.registry = new SessionRegistry(config.getSession().getDuplicateLogin());
        this.loginVerifier = builder.loginVerifier;
        this.messageInterceptor = builder.messageInterceptor;
        this.messageStore = builder.messageStore;
        this.replaySettings = builder.replaySettings;
        this.revocations = builder.revocations;
        this.offlineHandler = builder.offlineHandler != null ? builder.offlineHandler
                : messageStore != null ? new MessageStoreOfflineHandler(messageStore) : OfflineHandler.REFUSE_ALL;
        this.cluster = builder.cluster;
        this.groupStore = builder.groupSettings.isEnabled() ? builder.groupStore : null;
        this.groupSettings = builder.groupSettings;
        this.groupInterceptor = builder.groupInterceptor;
        this.receiptSettings = builder.receiptSettings;
        this.readStateStore = builder.readStateStore;
        this.readPointers = builder.readPointers;
        List<ImServerListener> listeners = new ArrayList<>(builder.listeners);
        if (cluster != ClusterRouting.SINGLE_NODE) {
            listeners.add(new ClusterSessionEvents(cluster));
        }
        this.listeners = List.copyOf(listeners);
        this.transport = builder.transport;
    }

    /**
     * The threads and components that live from {@link #start()} to {@link #stop()}; {@code storePool} runs the
     * replay's store calls and is null without a message store; {@code groupPool} and {@code groups} are null
     * without a group store; {@code receiptPool} and {@code receipts} are null while read receipts are off.
     */
    private record Runtime(DispatchPool dispatchPool,
            ThreadPoolExecutor decisionPool, ThreadPoolExecutor storePool, ScheduledThreadPoolExecutor scheduler,
            Notifier notifier, ErrorReplies errors, C2cRouter c2c, S2cSender s2c, LoginProcessor logins,
            OfflineReplay replay, ThreadPoolExecutor groupPool, GroupRouter groups, ThreadPoolExecutor receiptPool,
            ReceiptRouter receipts) {
    }

    public static Builder builder(ImServerConfig config) {
        return new Builder(config);
    }

    /** Binds every enabled gateway; fails with {@link ImServerStartException} naming the port that could not bind. */
    public synchronized void start() {
        if (runtime != null) {
            throw new IllegalStateException("The IM server is already running");
        }
        if (loginVerifier == LoginVerifier.ALLOW_ALL) {
            log.warn("**********************************************************************************");
            log.warn("IM server is running with the ALLOW-ALL login verifier: anyone can log in as anyone.");
            log.warn("Provide a LoginVerifier bean (or builder.loginVerifier) before going to production.");
            log.warn("**********************************************************************************");
        }
        Runtime started = newRuntime();
        ServerCore core = new ServerCore(config, started.dispatchPool(), registry, started.errors(),
                started.notifier(), stats, started.logins(), started.c2c(), started.s2c(), messageInterceptor,
                started.groups(), started.receipts());
        runtime = started;
        // Joined before the gateways bind, so that the first login can already claim its user cluster-wide.
        cluster.start(new LocalClusterNode(registry, started.c2c(), started.s2c(), started.logins(),
                started.replay(), started.groups()));
        try {
            transport.start(config);
            for (Transport enabled : Transport.values()) {
                if (config.gateway(enabled).isEnabled()) {
                    Gateway gateway = transport.gateway(enabled, core);
                    gateways.put(enabled, gateway);
                    gateway.start();
                    log.info("IM {} gateway listening on port {}", enabled, gateway.port());
                }
            }
        }
        catch (RuntimeException ex) {
            stop();
            throw ex;
        }
        started.c2c().start();
        started.s2c().start();
        if (started.groups() != null) {
            started.groups().start(started.scheduler());
        }
    }

    private Runtime newRuntime() {
        int dispatchThreads = config.dispatchThreadCount();
        DispatchPool dispatchPool = new DispatchPool(dispatchThreads, config.getMaxQueuedTasks());
        ThreadPoolExecutor decisionPool = new ThreadPoolExecutor(dispatchThreads, MAX_DECISION_THREADS, 60,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(config.getMaxQueuedTasks()), new DaemonThreads("im-decision"));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
                new DaemonThreads("im-qos"));
        scheduler.setRemoveOnCancelPolicy(true);
        ThreadPoolExecutor storePool = messageStore == null ? null : storeThreads(config, "im-store");
        OfflineReplay replay = storePool == null ? OfflineReplay.NONE
                : new StoredReplay(messageStore, replaySettings, config.getQos(), registry, stats, storePool);
        ErrorReplies errors = new ErrorReplies(stats);
        ThreadPoolExecutor receiptPool = receiptSettings.isEnabled() ? storeThreads(config, "im-receipt") : null;
        ReceiptRouter receipts = receiptPool == null ? null : new ReceiptRouter(receiptSettings,
                groupStore == null ? null : groupSettings, readStateStore, readPointers,
                messageStore == null ? null : new LiveDeliveryRecords(messageStore, receiptPool,
                        config.getMaxQueuedTasks()), registry, cluster,
                errors, receiptPool, stats);
        Notifier notifier = new Notifier(listeners, dispatchPool, stats);
        OfflineHandoff offline = new OfflineHandoff(offlineHandler, decisionPool, config, notifier, registry, errors);
        C2cRelay relay = new C2cRelay(config, registry, errors, notifier, offline, stats, replay, cluster,
                receipts == null ? delivered -> {
                } : receipts::deliveredLive);
        C2cRouter c2c = new C2cRouter(relay, C2cAckStrategy.of(config, relay), stats, scheduler, replay);
        S2cSender s2c = new S2cSender(config, registry, notifier, stats, scheduler);
        ThreadPoolExecutor groupPool = groupStore == null ? null : storeThreads(config, "im-group");
        GroupRouter groups = groupPool == null ? null : new GroupRouter(groupSettings, groupStore, groupInterceptor,
                registry, errors, notifier, stats, config.getQos(), cluster, groupPool);
        LoginProcessor logins = new LoginProcessor(config, loginVerifier, revocations, decisionPool, scheduler,
                registry, errors, notifier, stats, groups == null ? replay : new GroupCatchUpAfterReplay(replay, groups),
                cluster);
        return new Runtime(dispatchPool, decisionPool, storePool, scheduler, notifier, errors, c2c, s2c, logins,
                replay, groupPool, groups, receiptPool, receipts);
    }

    /** A pool of {@value #STORE_THREADS} threads for blocking store calls, its queue bounded like the others. */
    private static ThreadPoolExecutor storeThreads(ImServerConfig config, String name) {
        return new ThreadPoolExecutor(STORE_THREADS, STORE_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.getMaxQueuedTasks()), new DaemonThreads(name));
    }

    /**
     * Stops accepting, lets in-flight QoS settle for the configured grace period, closes every session and awaits
     * the event loops. Sessions closed here notify {@code LoggedOut(CONNECTION_CLOSED)}.
     */
    public synchronized void stop() {
        Runtime stopping = runtime;
        if (stopping == null) {
            return;
        }
        gateways.values().forEach(Gateway::stopAccepting);
        awaitQosSettled(stopping, config.getShutdownGracePeriod());
        stopping.c2c().stop();
        stopping.s2c().stop();
        stopping.s2c().abandonAll();
        if (stopping.groups() != null) {
            stopping.groups().stop();
        }
        gateways.values().forEach(Gateway::stop);
        gateways.clear();
        runtime = null;
        // The IO threads first: a closed connection's end runs later on its IO thread and hands LoggedOut to the
        // dispatch pool, which must still accept it (a rejected hand-off ran the listener on the IO thread).
        transport.stop();
        awaitTermination(stopping.dispatchPool());
        awaitTermination(stopping.decisionPool());
        if (stopping.storePool() != null) {
            awaitTermination(stopping.storePool());
        }
        if (stopping.groupPool() != null) {
            awaitTermination(stopping.groupPool());
        }
        if (stopping.receiptPool() != null) {
            awaitTermination(stopping.receiptPool());
            flushReadPointers();
        }
        stopping.scheduler().shutdownNow();
        // Left last: the sessions closed above released their presence on the dispatch pool.
        cluster.stop();
        log.info("IM server stopped");
    }

    /** Writes the read pointers receipts moved, so that none acknowledged is lost with this server. */
    private void flushReadPointers() {
        try {
            readPointers.flush();
        }
        catch (RuntimeException ex) {
            log.error("IM could not write the read pointers moved last; they are lost", ex);
        }
    }

    /** Waits until no QoS packet is pending or the grace period is over. */
    private static void awaitQosSettled(Runtime stopping, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (stopping.c2c().pending() + stopping.s2c().pending() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return runtime != null;
    }

    /** The bound port of a gateway, or -1 when it is disabled or not bound. */
    public int port(Transport transport) {
        Gateway gateway = gateways.get(transport);
        return gateway == null ? -1 : gateway.port();
    }

    public boolean isBound(Transport transport) {
        Gateway gateway = gateways.get(transport);
        return gateway != null && gateway.isBound();
    }

    /** Unbinds one gateway and closes its connections, leaving the others running. */
    public synchronized void stopGateway(Transport transport) {
        Gateway gateway = gateways.get(transport);
        if (gateway != null) {
            gateway.stop();
        }
    }

    /**
     * Sends a type 2 from "0" to a user (S2C, section 9.6).
     *
     * @return completes with the fingerprint when the client ACKs (QoS) or the write succeeded (no QoS); fails with
     *     {@link S2CSendException} when the user is offline, the packet is too large, the write fails or QoS gives up
     */
    public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos) {
        return send(toUserId, content, typeu, qos, null);
    }

    /** As {@link #send(String, String, int, boolean)}, with the caller's fingerprint (a fresh one when null). */
    public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos, String fp) {
        Runtime running = runtime;
        if (running == null) {
            return CompletableFuture.failedFuture(new S2CSendException(S2CSendException.Reason.NOT_RUNNING, fp,
                    "The IM server is not running"));
        }
        if (!registry.isOnline(toUserId)) {
            return cluster.send(toUserId, content, typeu, qos, fp);
        }
        return running.s2c().send(toUserId, content, typeu, qos, fp);
    }

    /**
     * Kicks a user, here or on another node (54 code 2 with the reason, then close), ending every session of the user,
     * and voids the tokens issued to it so far, as {@link #revokeTokens(String)}: a client that ignores the 54 (the
     * stock UDP one) cannot log in again with the token it holds. False when the user was not online.
     */
    public boolean kick(String userId, String reason) {
        return kick(userId, reason, Duration.ZERO);
    }

    /**
     * As {@link #kick(String, String)}, and refuses every login of the user for {@code refuseLoginsFor} (type 50 code
     * {@link io.imstarter.protocol.ErrorCode#LOGIN_SUSPENDED}), whatever token it presents. Both are kept in the
     * {@link LoginRevocations} (in a cluster, the shared store's database, so every node refuses), and recorded also
     * when the user is not online. Blocks while the revocation is written.
     *
     * @return whether a session of the user was ended
     */
    public boolean kick(String userId, String reason, Duration refuseLoginsFor) {
        if (refuseLoginsFor.isNegative()) {
            throw new IllegalArgumentException("A kick cannot refuse logins for a negative time: " + refuseLoginsFor);
        }
        Instant now = Instant.now();
        revocations.revoke(userId, new LoginRevocation(now, now.plus(refuseLoginsFor)));
        Runtime running = runtime;
        return running != null && (running.logins().kick(userId, reason) || cluster.kick(userId, reason));
    }

    /**
     * Voids every token issued to the user so far (token login refuses them with code 1030), for example after a
     * password change; sessions that are logged in stay. Blocks while the revocation is written.
     */
    public void revokeTokens(String userId) {
        Instant now = Instant.now();
        revocations.revoke(userId, new LoginRevocation(now, now));
    }

    public Set<String> onlineUsers() {
        return registry.userIds();
    }

    /** This node's id in its cluster; empty for a single server. */
    public Optional<String> nodeId() {
        return cluster.nodeId();
    }

    /**
     * The users online in the whole cluster, each with the node that holds it, at most {@code limit} of them in no
     * particular order: read from the cluster's shared presence (one bounded scan, so not for every request), and on
     * a single server this server's sessions with no node id. Completes off the event loops; fails when the
     * cluster's presence cannot be read.
     */
    public CompletableFuture<List<ClusterPresence>> clusterOnlineUsers(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The limit of users listed must be at least 1, not " + limit);
        }
        if (cluster.nodeId().isPresent()) {
            return cluster.onlineUsers(limit);
        }
        List<ClusterPresence> here = new ArrayList<>();
        for (Connection connection : registry.connections()) {
            if (here.size() == limit) {
                break;
            }
            here.add(ClusterPresence.of(connection.session(), null));
        }
        return CompletableFuture.completedFuture(here);
    }

    /**
     * The user's session here; under {@link DuplicateLoginPolicy#ONE_PER_TRANSPORT} the oldest of its sessions (see
     * {@link #sessions(String)}).
     */
    public Optional<SessionInfo> session(String userId) {
        return sessions(userId).stream().findFirst();
    }

    /** Every session of the user here, oldest login first: at most one per transport, or one in all. */
    public List<SessionInfo> sessions(String userId) {
        return registry.connections(userId).stream().map(Connection::session).toList();
    }

    /** Logged-in sessions per transport (a user with several sessions counts once for each). */
    public Map<Transport, Integer> sessionCounts() {
        return registry.countsByTransport();
    }

    /** QoS packets waiting for an ACK: S2C plus C2C receiver legs. */
    public int pendingQos() {
        Runtime running = runtime;
        return running == null ? 0 : running.c2c().pending() + running.s2c().pending();
    }

    /**
     * How far back receiver mode recognises copies of the C2C messages it relayed, as its dedup memory allows now:
     * the dedup window, or less when {@code dedupMaxMemory} forgot younger messages; zero in server mode or when
     * stopped.
     */
    public Duration effectiveDedupWindow() {
        Runtime running = runtime;
        return running == null ? Duration.ZERO : running.c2c().effectiveDedupWindow();
    }

    public ImServerStats stats() {
        return stats;
    }

    public ImServerConfig config() {
        return config;
    }

    /** Assembles an {@link ImServer}; every strategy has a safe default. */
    public static final class Builder {

        private final ImServerConfig config;
        private LoginVerifier loginVerifier = LoginVerifier.ALLOW_ALL;
        private MessageInterceptor messageInterceptor = MessageInterceptor.ALLOW_ALL;
        private OfflineHandler offlineHandler;
        private MessageStore messageStore;
        private ReplaySettings replaySettings = ReplaySettings.DEFAULTS;
        private LoginRevocations revocations;
        private final List<ImServerListener> listeners = new ArrayList<>();
        private ServerTransport transport;
        private ClusterRouting cluster = ClusterRouting.SINGLE_NODE;
        private GroupStore groupStore;
        private GroupSettings groupSettings = new GroupSettings();
        private GroupInterceptor groupInterceptor = GroupInterceptor.ALLOW_ALL;
        private ReceiptSettings receiptSettings = new ReceiptSettings();
        private ReadStateStore readStateStore;
        private ReadPointerBuffer readPointers;

        private Builder(ImServerConfig config) {
            this.config = config;
        }

        public Builder loginVerifier(LoginVerifier loginVerifier) {
            this.loginVerifier = loginVerifier;
            return this;
        }

        public Builder messageInterceptor(MessageInterceptor messageInterceptor) {
            this.messageInterceptor = messageInterceptor;
            return this;
        }

        /**
         * The handler of undeliverable C2C messages (section 10). When none is set it is the message store's
         * {@link MessageStoreOfflineHandler}, or without a store {@link OfflineHandler#REFUSE_ALL}.
         */
        public Builder offlineHandler(OfflineHandler offlineHandler) {
            this.offlineHandler = offlineHandler;
            return this;
        }

        /**
         * Store and forward (section 10) with the default replay pace: undeliverable C2C messages go to the store
         * (unless an {@link #offlineHandler} is set, which then decides what is stored) and a receiver that logs in
         * gets its undelivered stored messages replayed, whoever stored them.
         */
        public Builder messageStore(MessageStore messageStore) {
            return messageStore(messageStore, ReplaySettings.DEFAULTS);
        }

        /** As {@link #messageStore(MessageStore)}, replaying at the given pace. */
        public Builder messageStore(MessageStore messageStore, ReplaySettings replaySettings) {
            this.messageStore = messageStore;
            this.replaySettings = replaySettings;
            return this;
        }

        /**
         * Where kicks and token revocations are kept; by default in this server's memory, which other nodes do not
         * see. Give every node of a cluster the same store-backed one, and the token login the same instance.
         */
        public Builder loginRevocations(LoginRevocations revocations) {
            this.revocations = revocations;
            return this;
        }

        public Builder listener(ImServerListener listener) {
            listeners.add(listener);
            return this;
        }

        /** How the server reaches the network, e.g. {@code new NettyTransport()}; required. */
        public Builder transport(ServerTransport transport) {
            this.transport = transport;
            return this;
        }

        /**
         * Group conversations on {@code store}: type 2 messages to a group address are stored once and fanned out
         * to the members with per-member QoS, and a member's login catches up what it missed (see
         * {@code docs/groups.md}). Every node of a cluster uses the same store.
         */
        public Builder groups(GroupStore store, GroupSettings settings) {
            this.groupStore = store;
            this.groupSettings = settings;
            return this;
        }

        /** Vetoes group messages before they are stored; {@link GroupInterceptor#ALLOW_ALL} by default. */
        public Builder groupInterceptor(GroupInterceptor interceptor) {
            this.groupInterceptor = interceptor;
            return this;
        }

        /**
         * Read receipts and unread counts on {@code store}, the pointers written through {@code pointers} (see
         * {@code docs/receipts.md}); they are on only when {@link ReceiptSettings#isEnabled()}. A C2C conversation's
         * receipts need the {@link #messageStore}: with receipts on, every C2C message delivered live is recorded
         * there too, so that it has a sequence number in its receiver's conversation.
         */
        public Builder readReceipts(ReadStateStore store, ReadPointerBuffer pointers, ReceiptSettings settings) {
            this.readStateStore = store;
            this.readPointers = pointers;
            this.receiptSettings = settings;
            return this;
        }

        /** Makes this server one node of a cluster; {@link ClusterRouting#SINGLE_NODE} by default. */
        public Builder cluster(ClusterRouting cluster) {
            this.cluster = cluster;
            return this;
        }

        /**
         * Validates the configuration and builds the server, which is not started yet. A cluster's presence holds one
         * session per user, so {@link DuplicateLoginPolicy#ONE_PER_TRANSPORT} is refused with one.
         */
        public ImServer build() {
            if (transport == null) {
                throw new IllegalStateException("The IM server has no transport: set one with transport(...), e.g."
                        + " a new NettyTransport()");
            }
            config.validate();
            groupSettings.validate();
            receiptSettings.validate();
            if (receiptSettings.isEnabled() && (readStateStore == null || readPointers == null)) {
                throw new InvalidSettingException("receipts.enabled", true, "needs a read state store: call"
                        + " readReceipts(store, pointers, settings), or give the application a DataSource");
            }
            if (cluster != ClusterRouting.SINGLE_NODE
                    && config.getSession().getDuplicateLogin() == DuplicateLoginPolicy.ONE_PER_TRANSPORT) {
                throw new InvalidSettingException("session.duplicate-login", "one-per-transport",
                        "cannot be used in a cluster, whose presence holds one session per user; use newest-wins or "
                                + "reject-new");
            }
            if (revocations == null) {
                revocations = new InMemoryLoginRevocations();
            }
            return new ImServer(this);
        }
    }
}
