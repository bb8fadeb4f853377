package io.imstarter.autoconfigure;

import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(ImServerLifecycle.class);

    private final ImServer server;

    private final ConfigurableEnvironment environment;

    public ImServerLifecycle(ImServer server, ConfigurableEnvironment environment) {
        this.server = server;
        this.environment = environment;
    }

    @Override
    public void run(String... args) {
        start();
    }

    @Override
    public void start() {
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
        log.info("IM server started on {}", ports.isEmpty() ? "no gateway" : ports);
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
    public void stop() {
        if (server.isRunning()) {
            server.stop();
            log.info("IM server stopped");
        }
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }

    /** The runner starts the server once every application bean is ready; the context only stops it. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    /** Stopped before ordinary lifecycle beans, as Boot stops web servers gracefully first. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
