package io.imstarter.server;

import io.imstarter.protocol.Packet;
import io.imstarter.testsupport.QosTimings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The real C2C collaborators (registry, relay, offline hand-off, listener calls) around {@link FakeConnection}s, with
 * every pool replaced by the calling thread so that a test sees each step's effect at once.
 */
final class C2cFixture implements ConnectionHub {

    private static final Executor DIRECT = Runnable::run;
    /** Listener calls here are made on the test's thread, never an event loop, so the pool starts no thread. */
    private static final DispatchPool UNUSED_POOL = new DispatchPool(1, 1);

    final ImServerConfig config;
    final SessionRegistry registry = new SessionRegistry(DuplicateLoginPolicy.NEWEST_WINS);
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Packet> offered = new CopyOnWriteArrayList<>();
    final C2cRelay relay;
    private volatile boolean storeOffline;

    C2cFixture(C2cAckMode mode) {
        this.config = new ImServerConfig();
        QosTimings.set(config.getQos(), Duration.ofSeconds(5), Duration.ofSeconds(5), 1, 100).setC2cAckMode(mode);
        ImServerStats stats = new ImServerStats();
        Notifier notifier = new Notifier(List.of(new ImServerListener() {
            @Override
            public void onC2CDelivered(Packet message) {
                events.add("delivered " + message.fp());
            }

            @Override
            public void onC2CStoredOffline(Packet message) {
                events.add("stored " + message.fp());
            }

            @Override
            public void onC2CUndeliverable(Packet message) {
                events.add("undeliverable " + message.fp());
            }
        }), UNUSED_POOL, stats);
        OfflineHandler handler = message -> {
            offered.add(message);
            return storeOffline;
        };
        ErrorReplies errors = new ErrorReplies(stats);
        OfflineHandoff offline = new OfflineHandoff(handler, DIRECT, config, notifier, registry, errors);
        this.relay = new C2cRelay(config, registry, errors, notifier, offline, stats, OfflineReplay.NONE,
                ClusterRouting.SINGLE_NODE, delivered -> {
                });
    }

    /** A connection logged in as {@code userId}. */
    FakeConnection online(String userId) {
        FakeConnection connection = new FakeConnection(this);
        registry.login(connection, userId, 0, 0, () -> { });
        return connection;
    }

    /** Whether the offline handler stores what it is offered. */
    void offlineHandlerStores(boolean stores) {
        storeOffline = stores;
    }

    @Override
    public ImServerConfig config() {
        return config;
    }

    @Override
    public Executor dispatchPool() {
        return DIRECT;
    }

    @Override
    public void onOpened(Connection connection, ScheduledExecutorService eventLoop) {
    }

    @Override
    public void onRefused(Connection connection, String sentence) {
        throw new UnsupportedOperationException("the strategies under test admit every connection");
    }

    @Override
    public void onFrameTimeout(Connection connection) {
        throw new UnsupportedOperationException("the strategies under test read no frames");
    }

    @Override
    public void onFrame(Connection connection, InboundFrame frame) {
        throw new UnsupportedOperationException("the strategies under test do not read frames");
    }

    @Override
    public void onClosed(Connection connection) {
    }
}
