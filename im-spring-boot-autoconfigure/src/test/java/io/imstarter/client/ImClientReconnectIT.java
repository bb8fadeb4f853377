package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server restart: the client notices, backs off, logs in again as the same instance and works again. */
class ImClientReconnectIT {

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void logsInAgainWithTheSameFirstLoginTimeAfterAServerRestart(Transport transport) throws Exception {
        ImServer first = TestServers.start(TestServers.ephemeralConfig(), new ServerEvents());
        ImServerConfig samePorts = TestServers.ephemeralConfig();
        for (Transport each : Transport.values()) {
            samePorts.gateway(each).port(first.port(each));
        }
        RecordingListener aliceEvents = new RecordingListener();
        RecordingListener bobEvents = new RecordingListener();
        ImServer second = null;
        try (ImClient alice = shared.client(TestServers.clientFor(first, transport));
                ImClient bob = shared.client(TestServers.clientFor(first, Transport.TCP))) {
            alice.addListener(aliceEvents);
            bob.addListener(bobEvents);
            alice.login("alice", "tk", null).get(10, TimeUnit.SECONDS);
            bob.login("bob", "tk", null).get(10, TimeUnit.SECONDS);
            long firstLoginTime = alice.firstLoginTime();

            first.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.state() == ClientState.RECONNECTING);
            assertThat(aliceEvents.linkClosed).containsExactly(ErrorCode.CONNECTION_BROKEN);
            ServerEvents secondEvents = new ServerEvents();
            second = TestServers.start(samePorts, secondEvents);

            ImServer restarted = second;
            await().atMost(Duration.ofSeconds(15)).until(() -> alice.state() == ClientState.LOGGED_IN
                    && bob.state() == ClientState.LOGGED_IN && restarted.session("alice").isPresent());
            assertThat(restarted.session("alice").get().firstLoginTime()).isEqualTo(firstLoginTime);
            assertThat(alice.firstLoginTime()).isEqualTo(firstLoginTime);

            String fp = alice.send("bob", "after the restart", 1).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> bobEvents.messages.stream()
                    .anyMatch(message -> message.fp().equals(fp)));
        }
        finally {
            if (first.isRunning()) {
                first.stop();
            }
            if (second != null) {
                second.stop();
            }
        }
    }
}
