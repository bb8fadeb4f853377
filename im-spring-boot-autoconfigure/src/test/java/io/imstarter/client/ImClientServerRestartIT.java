package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Quick first re-logins (section 8): clients with default re-login settings are back within 2 s of a restart. */
class ImClientServerRestartIT {

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "WEBSOCKET"})
    void clientsAreLoggedInAgainWithinTwoSecondsOfTheRestartedServerBeingReady(Transport transport) {
        int users = 10;
        ImServer first = TestServers.start(TestServers.ephemeralConfig(), new ServerEvents());
        ImServerConfig samePorts = TestServers.ephemeralConfig();
        samePorts.gateway(transport).port(first.port(transport));
        List<ImClient> clients = new ArrayList<>();
        ImServer second = null;
        try {
            for (int i = 0; i < users; i++) {
                // Default re-login timing: quick attempts, then 3 s doubling up to 30 s.
                ImClient client = shared.client(new ImClientConfig().transport(transport)
                        .port(first.port(transport)));
                clients.add(client);
                client.login("user" + i, "tk", null).join();
            }

            first.stop();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> clients.stream().allMatch(client -> client.state() == ClientState.RECONNECTING));
            second = TestServers.start(samePorts, new ServerEvents());
            long readyAt = System.nanoTime();

            ImServer restarted = second;
            await().atMost(Duration.ofSeconds(10)).until(() -> clients.stream().allMatch(
                    client -> client.state() == ClientState.LOGGED_IN
                            && restarted.session(client.userId()).isPresent()));
            long backAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - readyAt);
            assertThat(backAfterMillis).as("all %d users back after the server was ready", users)
                    .isLessThan(2000);
        }
        finally {
            clients.forEach(ImClient::close);
            if (first.isRunning()) {
                first.stop();
            }
            if (second != null) {
                second.stop();
            }
        }
    }
}
