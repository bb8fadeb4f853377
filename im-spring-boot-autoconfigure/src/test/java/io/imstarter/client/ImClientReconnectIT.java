package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RecordingClientListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server restart: the client notices, logs in again quickly (then backs off) as the same instance and works again.
 */
class ImClientReconnectIT {

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    @RegisterExtension
    final ImServerExtension first = new ImServerExtension();

    /** Started on first use, after the first server stopped, on the ports the first one had. */
    @RegisterExtension
    final ImServerExtension second = new ImServerExtension();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void logsInAgainWithTheSameFirstLoginTimeAfterAServerRestart(Transport transport) throws Exception {
        RecordingClientListener aliceEvents = new RecordingClientListener();
        RecordingClientListener bobEvents = new RecordingClientListener();
        try (ImClient alice = shared.client(first.clientConfig(transport));
                ImClient bob = shared.client(first.clientConfig(Transport.TCP))) {
            alice.addListener(aliceEvents);
            bob.addListener(bobEvents);
            alice.login("alice", "tk", null).get(10, TimeUnit.SECONDS);
            bob.login("bob", "tk", null).get(10, TimeUnit.SECONDS);
            long firstLoginTime = alice.firstLoginTime();

            Map<Transport, Integer> ports = new EnumMap<>(Transport.class);
            for (Transport each : Transport.values()) {
                ports.put(each, first.server().port(each));
            }
            second.configure(config -> ports.forEach((each, port) -> config.gateway(each).setPort(port)));
            first.server().stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.state() == ClientState.RECONNECTING);
            assertThat(aliceEvents.linkClosed).containsExactly(ErrorCode.CONNECTION_BROKEN);
            ImServer restarted = second.server();
            await().atMost(Duration.ofSeconds(15)).until(() -> alice.state() == ClientState.LOGGED_IN
                    && bob.state() == ClientState.LOGGED_IN && restarted.session("alice").isPresent());
            assertThat(restarted.session("alice").get().firstLoginTime()).isEqualTo(firstLoginTime);
            assertThat(alice.firstLoginTime()).isEqualTo(firstLoginTime);

            String fp = alice.send("bob", "after the restart", 1).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> bobEvents.messages.stream()
                    .anyMatch(message -> message.fp().equals(fp)));
        }
    }

    /** Quick first re-logins (section 8): clients with default re-login settings are back within 2 s. */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "WEBSOCKET"})
    void clientsAreLoggedInAgainWithinTwoSecondsOfTheRestartedServerBeingReady(Transport transport) {
        int users = 10;
        int port = first.server().port(transport);
        List<ImClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < users; i++) {
                // Default re-login timing: quick attempts, then 3 s doubling up to 30 s.
                ImClient client = shared.client(new ImClientConfig().setTransport(transport).setPort(port));
                clients.add(client);
                client.login("user" + i, "tk", null).join();
            }

            second.configure(config -> config.gateway(transport).setPort(port));
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
