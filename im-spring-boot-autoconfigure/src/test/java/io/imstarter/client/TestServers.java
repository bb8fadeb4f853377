package io.imstarter.client;

import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.ImServerListener;
import java.time.Duration;

/** Real {@link ImServer}s on 127.0.0.1 for client tests, and client settings that reach them. */
final class TestServers {

    private TestServers() {
    }

    /** All three gateways on ephemeral ports, no shutdown grace so restarts are quick. */
    static ImServerConfig ephemeralConfig() {
        ImServerConfig config = new ImServerConfig().bindAddress("127.0.0.1").shutdownGracePeriod(Duration.ZERO);
        for (Transport transport : Transport.values()) {
            config.gateway(transport).port(0);
        }
        return config;
    }

    static ImServer start(ImServerConfig config, ImServerListener listener) {
        ImServer server = ImServer.builder(config).listener(listener).build();
        server.start();
        return server;
    }

    /** Short timers so that losses and re-logins happen within a test's patience. */
    static ImClientConfig clientFor(ImServer server, Transport transport) {
        return new ImClientConfig().transport(transport).port(server.port(transport))
                .keepAliveInterval(Duration.ofMillis(500))
                .linkTimeout(Duration.ofMillis(1500))
                .reloginInitialDelay(Duration.ofMillis(200))
                .reloginMaxInterval(Duration.ofSeconds(1))
                .connectTimeout(Duration.ofSeconds(2))
                .loginTimeout(Duration.ofSeconds(2));
    }
}
