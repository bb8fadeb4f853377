package io.imstarter.autoconfigure;

import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.CommandLineRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Binds the {@link ImServer} once the context is refreshed, before other runners, and stops it gracefully when the
 * context closes (the server honours {@code im.server.shutdown-grace-period}). A bind failure fails the application
 * start with {@code ImServerStartException}, which names the transport and port. The bound ports are published as
 * {@code local.im.server.<transport>.port}.
 */
public class ImServerLifecycle implements CommandLineRunner, SmartLifecycle, Ordered {

    /** Name of the property source holding the bound ports. */
    public static final String PORTS_PROPERTY_SOURCE = "im.server.ports";

    private final ImServer server;

    private final ConfigurableEnvironment environment;

    private volatile CountDownLatch stopped;

    public ImServerLifecycle(ImServer server, ConfigurableEnvironment environment) {
        this.server = server;
        this.environment = environment;
    }

    @Override
    public void run(String... args) {
        start();
    }

    @Override
    public synchronized void start() {
        if (server.isRunning()) {
            return;
        }
        server.start();
        Map<String, Object> ports = new LinkedHashMap<>();
        for (Transport transport : Transport.values()) {
            int port = server.port(transport);
            if (port >= 0) {
                ports.put("local.im.server." + transport.key() + ".port", port);
            }
        }
        publish(ports);
        startAwaitThread();
    }

    /**
     * The server's threads are daemons, so without a web server nothing would keep the JVM alive: like Boot's
     * Netty web server, hold one non-daemon thread until the server stops.
     */
    private void startAwaitThread() {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread await = new Thread(() -> {
            try {
                stopped.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "im-server-await");
        await.setDaemon(false);
        await.start();
        this.stopped = stopped;
    }

    private void publish(Map<String, Object> ports) {
        MutablePropertySources sources = environment.getPropertySources();
        MapPropertySource source = new MapPropertySource(PORTS_PROPERTY_SOURCE, ports);
        if (sources.contains(PORTS_PROPERTY_SOURCE)) {
            sources.replace(PORTS_PROPERTY_SOURCE, source);
        }
        else {
            sources.addFirst(source);
        }
    }

    @Override
    public synchronized void stop() {
        if (server.isRunning()) {
            server.stop();
        }
        CountDownLatch awaiting = stopped;
        if (awaiting != null) {
            awaiting.countDown();
        }
    }

    /** Also while the await thread holds the JVM, even if the server was stopped directly, so stop() frees it. */
    @Override
    public boolean isRunning() {
        CountDownLatch awaiting = stopped;
        return server.isRunning() || (awaiting != null && awaiting.getCount() > 0);
    }

    /** The runner starts the server once every application bean is ready; the context only stops it. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    /**
     * Never paused: a paused context restarts only auto-startup beans, so a server stopped by a pause would stay
     * down, and a restart could not promise the ephemeral ports that clients were given. (Spring's test context cache
     * pauses contexts that are not in use.)
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /**
     * The last phase, which Spring stops first: IM traffic ends before any bean in a lower phase stops (plain
     * {@code Lifecycle} beans, Boot's web server and messaging containers), so no callback reaches a stopped bean.
     * Default-phase beans that the server depends on are stopped after it too, since Spring stops dependents first.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
