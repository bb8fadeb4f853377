package io.imstarter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.client.ImClientConfig;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.MessageInterceptor;
import io.imstarter.server.ReplaySettings;
import io.imstarter.server.netty.GatewayPipelineCustomizer;
import io.imstarter.server.netty.NettyTransport;
import io.imstarter.store.MessageStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a real {@link ImServer} on 127.0.0.1 with all three gateways on port 0 and short QoS timers, started on first
 * use. Registered on a static field the server lives for the test class (tests use fresh user ids from
 * {@link #newUserId}); on an instance field it lives for one test. After each test the TCP and WebSocket clients are
 * closed (UDP ones when the server stops), the strategies reset, and the test fails if any application callback ran
 * on an event loop.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ImServerExtension im = new ImServerExtension().configure(c -> c.getTcp().setIdleTimeout(...));
 * </pre>
 */
public final class ImServerExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /**
     * Server QoS for tests: re-send after 500 ms, one retry, so a lost report comes within about 1.5 s. A receiver
     * that ACKs a re-sent copy has one check interval to do so; 500 ms keeps that safe on a busy build machine.
     */
    public static void fastQos(ImServerConfig config) {
        config.getQos().setMinAge(Duration.ofMillis(500)).setMaxRetries(1).setCheckInterval(Duration.ofMillis(500))
                .setMaxPending(10_000);
        config.getQos().setReceiverAckTimeout(Duration.ofSeconds(5));
    }

    private static final AtomicInteger USER_SEQUENCE = new AtomicInteger();

    private final List<Consumer<ImServerConfig>> customizers = new ArrayList<>();
    private final NettyTransport transport = new NettyTransport();
    private final CallbackThreads threads = new CallbackThreads();
    private final RecordingListener listener = new RecordingListener(threads);
    private final RecordingLoginVerifier verifier = new RecordingLoginVerifier(threads);
    private final RecordingOfflineHandler offline = new RecordingOfflineHandler(threads);
    private final List<RawClient> clients = new CopyOnWriteArrayList<>();
    private volatile MessageInterceptor interceptor = MessageInterceptor.ALLOW_ALL;
    private boolean interceptorBean;
    private MessageStore messageStore;
    private ReplaySettings replaySettings;
    private boolean classScoped;
    private Consumer<ImServer.Builder> builderCustomizer = builder -> {
    };
    private ImServer server;

    /** Adjusts the server's builder last, after the recording verifier, listener and hand-off are set. */
    public ImServerExtension builder(Consumer<ImServer.Builder> customizer) {
        synchronized (this) {
            if (server != null) {
                throw new IllegalStateException("The server already started; customize it before first use");
            }
            builderCustomizer = customizer;
        }
        return this;
    }

    /** Adjusts the configuration before the server starts. */
    public ImServerExtension configure(Consumer<ImServerConfig> customizer) {
        synchronized (this) {
            if (server != null) {
                throw new IllegalStateException("The server already started; configure it before first use");
            }
            customizers.add(customizer);
        }
        return this;
    }

    /**
     * Runs the server with store and forward on {@code store} (section 10): the store's offline handler replaces
     * the recording one. The server must not have started yet.
     */
    public synchronized ImServerExtension messageStore(MessageStore store, ReplaySettings settings) {
        if (server != null) {
            throw new IllegalStateException("The server already started; set the store before first use");
        }
        this.messageStore = store;
        this.replaySettings = settings;
        return this;
    }

    /**
     * Gives the server an interceptor bean, which {@link #interceptor} sets per test; without it the server runs
     * with {@link MessageInterceptor#ALLOW_ALL}, the production default, whose C2C messages are routed on the event
     * loop. The server must not have started yet.
     */
    public synchronized ImServerExtension withInterceptor() {
        if (server != null) {
            throw new IllegalStateException("The server already started; add the interceptor before first use");
        }
        interceptorBean = true;
        return this;
    }

    /** Adds a pipeline customizer to the server, which must not have started yet. */
    public synchronized ImServerExtension pipelineCustomizer(GatewayPipelineCustomizer customizer) {
        return transport(netty -> netty.pipelineCustomizer(customizer));
    }

    /** Adjusts the server's Netty transport, e.g. its TLS; the server must not have started yet. */
    public synchronized ImServerExtension transport(Consumer<NettyTransport> customizer) {
        if (server != null) {
            throw new IllegalStateException("The server already started; adjust its transport before first use");
        }
        customizer.accept(transport);
        return this;
    }

    /** The running server, started on first call. */
    public synchronized ImServer server() {
        if (server == null) {
            ImServerConfig config = new ImServerConfig().setAddress("127.0.0.1")
                    .setOfflineTimeout(Duration.ofSeconds(2))
                    .setLoginVerifyTimeout(Duration.ofSeconds(2))
                    .setShutdownGracePeriod(Duration.ZERO)
                    .setDispatchThreads(2)
                    .setIoThreads(2);
            fastQos(config);
            for (Transport transport : Transport.values()) {
                config.gateway(transport).setPort(0);
            }
            customizers.forEach(customizer -> customizer.accept(config));
            ImServer.Builder builder = ImServer.builder(config).transport(transport);
            if (messageStore == null) {
                builder.offlineHandler(offline);
            }
            else {
                builder.messageStore(messageStore, replaySettings);
            }
            if (interceptorBean) {
                builder.messageInterceptor((message, sender) -> {
                    threads.check("MessageInterceptor");
                    return interceptor.allow(message, sender);
                });
            }
            builder.loginVerifier(verifier).listener(listener);
            builderCustomizer.accept(builder);
            ImServer started = builder.build();
            started.start();
            server = started;
        }
        return server;
    }

    public InetSocketAddress address(Transport transport) {
        return new InetSocketAddress("127.0.0.1", server().port(transport));
    }

    /** Settings for an embedded client of this server, with short timers so losses and re-logins happen quickly. */
    public ImClientConfig clientConfig(Transport transport) {
        return fastClientConfig().setTransport(transport).setPort(server().port(transport));
    }

    /** The short timers of {@link #clientConfig}, for a client of servers that no extension runs. */
    public static ImClientConfig fastClientConfig() {
        ImClientConfig config = new ImClientConfig()
                .setKeepAliveInterval(Duration.ofMillis(500))
                .setLinkTimeout(Duration.ofMillis(1500))
                .setConnectTimeout(Duration.ofSeconds(2))
                .setLoginTimeout(Duration.ofSeconds(2));
        config.getRelogin().setInitialDelay(Duration.ofMillis(200)).setMaxInterval(Duration.ofSeconds(1));
        return config;
    }

    /** A new raw connection, closed after the test. */
    public RawClient connect(Transport transport) {
        RawClient client = switch (transport) {
            case TCP -> new TcpRawClient(address(transport));
            case UDP -> new UdpRawClient(address(transport));
            case WEBSOCKET -> new WebSocketRawClient(URI.create("ws://127.0.0.1:" + server().port(transport)
                    + server().config().getWebsocket().getPath()));
        };
        clients.add(client);
        return client;
    }

    /** A new connection logged in as {@code userId} with firstLoginTime 0; fails unless the login is accepted. */
    public RawClient loggedIn(Transport transport, String userId) {
        RawClient client = connect(transport);
        LoginResponse response = client.login(userId, "token-" + userId, 0);
        assertThat(response.code()).as("login of %s on %s", userId, transport).isZero();
        return client;
    }

    /** A sender and a receiver with fresh ids, both logged in on {@code transport}. */
    public UserPair loggedInPair(Transport transport) {
        String sender = newUserId("sender");
        String receiver = newUserId("receiver");
        return new UserPair(sender, loggedIn(transport, sender), receiver, loggedIn(transport, receiver));
    }

    /** A user id no other test uses. */
    public String newUserId(String prefix) {
        return prefix + "-" + USER_SEQUENCE.incrementAndGet();
    }

    public RecordingListener listener() {
        return listener;
    }

    public RecordingLoginVerifier verifier() {
        return verifier;
    }

    public RecordingOfflineHandler offline() {
        return offline;
    }

    /** From now until the end of the test, type 2 messages pass {@code interceptor}; needs {@link #withInterceptor}. */
    public void interceptor(MessageInterceptor interceptor) {
        if (!interceptorBean) {
            throw new IllegalStateException("Build the extension withInterceptor() to set an interceptor");
        }
        this.interceptor = interceptor;
    }

    /** JUnit calls this only for an extension on a static field: then the server outlives each test. */
    @Override
    public void beforeAll(ExtensionContext context) {
        classScoped = true;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeClients(classScoped ? Transport.TCP : null);
        closeClients(classScoped ? Transport.WEBSOCKET : null);
        verifier.reset();
        offline.reset();
        interceptor = MessageInterceptor.ALLOW_ALL;
        if (!classScoped) {
            stop();
        }
        assertThat(threads.drainViolations()).as("application callbacks on a Netty event loop").isEmpty();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /**
     * Closes the clients of {@code transport}, or all when null. UDP sockets stay open while a shared server runs:
     * the kernel may give a closed port to the next test's socket, which the server would take for the old,
     * still logged-in peer.
     */
    private void closeClients(Transport transport) {
        for (RawClient client : clients) {
            if (transport == null || client.transport() == transport) {
                client.close();
                clients.remove(client);
            }
        }
    }

    private synchronized void stop() {
        closeClients(null);
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
