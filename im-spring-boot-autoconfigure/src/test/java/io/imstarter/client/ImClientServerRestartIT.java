package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.testsupport.ImServerExtension;
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

    @RegisterExtension
    final ImServerExtension first = new ImServerExtension();

    /** Started after the first server stopped, on the port the first one had. */
    @RegisterExtension
    final ImServerExtension second = new ImServerExtension();

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "WEBSOCKET"})
    void clientsAreLoggedInAgainWithinTwoSecondsOfTheRestartedServerBeingReady(Transport transport) {
        int users = 10;
        int port = first.server().port(transport);
        List<ImClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < users; i++) {
                // Default re-login timing: quick attempts, then 3 s doubling up to 30 s.
                ImClient client = shared.client(new ImClientConfig().transport(transport).port(port));
                clients.add(client);
                client.login("user" + i, "tk", null).join();
            }

            second.configure(config -> config.gateway(transport).port(port));
            first.server().stop();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> clients.stream().allMatch(client -> client.state() == ClientState.RECONNECTING));
            ImServer restarted = second.server();
            long readyAt = System.nanoTime();

            await().atMost(Duration.ofSeconds(10)).until(() -> clients.stream().allMatch(
                    client -> client.state() == ClientState.LOGGED_IN
                            && restarted.session(client.userId()).isPresent()));
            long backAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - readyAt);
            assertThat(backAfterMillis).as("all %d users back after the server was ready", users)
                    .isLessThan(2000);
        }
        finally {
            clients.forEach(ImClient::close);
        }
    }
}
