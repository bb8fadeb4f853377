package io.imstarter.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.cluster.ClusterSettings;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.C2cAckMode;
import io.imstarter.server.ClusterNode;
import io.imstarter.server.ClusterPresence;
import io.imstarter.server.ClusterRouting;
import io.imstarter.server.GroupSettings;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.LoginVerifier;
import io.imstarter.server.SessionInfo;
import io.imstarter.store.GroupStore;
import io.imstarter.server.netty.NettyTransport;
import io.imstarter.store.LoginRevocations;
import io.imstarter.store.MessageStore;
import io.imstarter.testsupport.CallbackThreads;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RecordingListener;
import io.imstarter.testsupport.RecordingOfflineHandler;
import io.imstarter.testsupport.TcpRawClient;
import io.imstarter.testsupport.UdpRawClient;
import io.imstarter.testsupport.WebSocketRawClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Real {@link ImServer} nodes on 127.0.0.1 port 0, each with its own Lettuce connection to the test Redis and its
 * own {@link RedisClusterRouting}, under a key prefix of their own so tests never see each other's keys. The nodes
 * share one offline handler, as nodes share one message store. Everything is stopped after each test, and the
 * test fails if an application callback ran on an event loop (Netty's or Lettuce's).
 */
final class ClusterNodes implements AfterEachCallback {

    /** Short, so that a dead node's users are offline within a few seconds. */
    static final Duration PRESENCE_TTL = Duration.ofSeconds(2);
    static final Duration HEARTBEAT = Duration.ofMillis(300);
    static final Duration RECEIVER_ACK_TIMEOUT = Duration.ofSeconds(5);

    private static final AtomicInteger USER_SEQUENCE = new AtomicInteger();

    private final String prefix = "imtest-" + UUID.randomUUID() + ":";
    private final CallbackThreads threads = new CallbackThreads();
    private final RecordingOfflineHandler offline = new RecordingOfflineHandler(threads);
    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final List<RawClient> clients = new CopyOnWriteArrayList<>();
    private C2cAckMode ackMode = C2cAckMode.RECEIVER;
    private MessageStore store;
    private GroupStore groupStore;
    private GroupSettings groupSettings;
    private LoginVerifier verifier = LoginVerifier.ALLOW_ALL;
    private LoginRevocations revocations;

    ClusterNodes ackMode(C2cAckMode mode) {
        this.ackMode = mode;
        return this;
    }

    /** Nodes started from now on share this message store (and its replay) instead of the recording handler. */
    ClusterNodes store(MessageStore shared) {
        this.store = shared;
        return this;
    }

    /** Nodes started from now on share this group store, as nodes share one database. */
    ClusterNodes groups(GroupStore shared, GroupSettings settings) {
        this.groupStore = shared;
        this.groupSettings = settings;
        return this;
    }

    /** Nodes started from now on verify logins with this verifier and share these revocations. */
    ClusterNodes logins(LoginVerifier loginVerifier, LoginRevocations shared) {
        this.verifier = loginVerifier;
        this.revocations = shared;
        return this;
    }

    /** The offline handler all nodes share, standing for the shared message store. */
    RecordingOfflineHandler offline() {
        return offline;
    }

    String newUserId(String prefix) {
        return prefix + "-" + USER_SEQUENCE.incrementAndGet();
    }

    /** Starts a node with this id. */
    Node start(String nodeId) {
        ImServerConfig config = new ImServerConfig().setAddress("127.0.0.1")
                // The production default: a loaded CI machine has delayed a store hand-off past 2 s (refused with 305).
                .setOfflineTimeout(Duration.ofSeconds(5))
                .setShutdownGracePeriod(Duration.ZERO)
                .setDispatchThreads(2)
                .setIoThreads(1);
        ImServerExtension.fastQos(config);
        config.getQos().setC2cAckMode(ackMode).setReceiverAckTimeout(RECEIVER_ACK_TIMEOUT);
        for (Transport transport : Transport.values()) {
            config.gateway(transport).setPort(0);
        }
        LettuceConnectionFactory factory = TestRedis.shared().connectionFactory();
        ClusterSettings settings = new ClusterSettings(nodeId, PRESENCE_TTL, HEARTBEAT, prefix,
                TestRedis.COMMAND_TIMEOUT, Duration.ofSeconds(10), 1_000);
        CrashableRouting routing = new CrashableRouting(new RedisClusterRouting(settings, factory,
                new ReactiveStringRedisTemplate(factory)));
        RecordingListener listener = new RecordingListener(threads);
        ImServer.Builder builder = ImServer.builder(config).transport(new NettyTransport()).listener(listener)
                .cluster(routing).loginVerifier(verifier);
        if (groupStore != null) {
            builder.groups(groupStore, groupSettings);
        }
        if (revocations != null) {
            builder.loginRevocations(revocations);
        }
        ImServer server = (store == null ? builder.offlineHandler(offline) : builder.messageStore(store)).build();
        server.start();
        Node node = new Node(nodeId, server, routing, factory, listener);
        nodes.add(node);
        return node;
    }

    /** Nodes "a" and "b", with a fresh alice logged in on a and a fresh bob on b. */
    Pair pair(Transport onA, Transport onB) {
        Node a = start("a");
        Node b = start("b");
        String alice = newUserId("alice");
        String bob = newUserId("bob");
        return new Pair(a, b, alice, bob, a.loggedIn(onA, alice), b.loggedIn(onB, bob));
    }

    /** Two nodes and a user on each. */
    record Pair(Node a, Node b, String alice, String bob, RawClient aliceClient, RawClient bobClient) {
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clients.forEach(RawClient::close);
        for (Node node : nodes) {
            node.stop();
        }
        assertThat(threads.drainViolations()).as("application callbacks on an event loop").isEmpty();
    }

    /** One node: its server, its routing and what its listener saw. */
    final class Node {

        private final String id;
        private final ImServer server;
        private final CrashableRouting routing;
        private final LettuceConnectionFactory factory;
        private final RecordingListener listener;

        Node(String id, ImServer server, CrashableRouting routing, LettuceConnectionFactory factory,
                RecordingListener listener) {
            this.id = id;
            this.server = server;
            this.routing = routing;
            this.factory = factory;
            this.listener = listener;
        }

        String id() {
            return id;
        }

        ImServer server() {
            return server;
        }

        RecordingListener listener() {
            return listener;
        }

        RawClient connect(Transport transport) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port(transport));
            RawClient client = switch (transport) {
                case TCP -> new TcpRawClient(address);
                case UDP -> new UdpRawClient(address);
                case WEBSOCKET -> new WebSocketRawClient(URI.create("ws://127.0.0.1:" + server.port(transport)
                        + server.config().getWebsocket().getPath()));
            };
            clients.add(client);
            return client;
        }

        /** A connection logged in as {@code userId} with {@code firstLoginTime}; returns the 50's payload. */
        LoginResponse login(RawClient client, String userId, long firstLoginTime) {
            return client.login(userId, "token-" + userId, firstLoginTime);
        }

        RawClient loggedIn(Transport transport, String userId) {
            RawClient client = connect(transport);
            assertThat(login(client, userId, 0).code()).as("login of %s on node %s", userId, id).isZero();
            return client;
        }

        /** Dies without a word: presence stays in Redis until its TTL runs out, the channel goes quiet. */
        void crash() {
            routing.crash();
            stop();
        }

        void stop() {
            if (nodes.remove(this)) {
                server.stop();
                factory.destroy();
            }
        }
    }

    /** The real routing, which a test can make stop talking to Redis at once, as a killed process would. */
    private static final class CrashableRouting implements ClusterRouting {

        private final RedisClusterRouting delegate;
        private volatile boolean crashed;

        CrashableRouting(RedisClusterRouting delegate) {
            this.delegate = delegate;
        }

        void crash() {
            crashed = true;
            delegate.stop();
        }

        @Override
        public void start(ClusterNode node) {
            delegate.start(node);
        }

        @Override
        public void stop() {
            delegate.stop();
        }

        @Override
        public CompletableFuture<Boolean> claim(SessionInfo newcomer, long sentFirstLoginTime) {
            return delegate.claim(newcomer, sentFirstLoginTime);
        }

        @Override
        public void registered(SessionInfo session) {
            delegate.registered(session);
        }

        @Override
        public void release(SessionInfo session) {
            if (!crashed) {
                delegate.release(session);
            }
        }

        @Override
        public void stored(String userId) {
            delegate.stored(userId);
        }

        @Override
        public CompletableFuture<Void> forward(String userId, Packet packet) {
            return delegate.forward(userId, packet);
        }

        @Override
        public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos, String fp) {
            return delegate.send(toUserId, content, typeu, qos, fp);
        }

        @Override
        public boolean kick(String userId, String reason) {
            return delegate.kick(userId, reason);
        }

        @Override
        public Optional<String> nodeId() {
            return delegate.nodeId();
        }

        @Override
        public void groupAdvanced(String groupId, long seq) {
            delegate.groupAdvanced(groupId, seq);
        }

        @Override
        public CompletableFuture<List<ClusterPresence>> onlineUsers(int limit) {
            return delegate.onlineUsers(limit);
        }
    }
}
