package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServerConfig;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.QosTimings;
import io.imstarter.testsupport.RecordingClientListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * QoS pacing against the server's default rate limit (100 packets/s, burst 200; sections 7 and 9.6): a burst of
 * messages held while disconnected is written on re-login, the excess answered with 305 backs off without spending
 * retries, and no message is reported lost.
 */
class ImClientPacingIT {

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    @RegisterExtension
    final ImServerExtension first = new ImServerExtension().configure(ImClientPacingIT::serverDefaults);

    /** Started after the first server stopped, on the port the first one had. */
    @RegisterExtension
    final ImServerExtension second = new ImServerExtension().configure(ImClientPacingIT::serverDefaults);

    private static void serverDefaults(ImServerConfig config) {
        QosTimings.set(config.getQos(), Duration.ofSeconds(5), Duration.ofSeconds(2), 1, 100_000)
                .setReceiverAckTimeout(Duration.ofSeconds(10));
    }

    @Test
    void deliversThreeHundredMessagesHeldWhileDisconnectedWithoutLosingAnyToTheRateLimit() throws Exception {
        int messages = 300;
        RecordingClientListener aliceEvents = new RecordingClientListener();
        RecordingClientListener bobEvents = new RecordingClientListener();
        // Default QoS on the sender: 5 s checks, 3 s min age, 2 re-sends.
        try (ImClient alice = shared.client(first.clientConfig(Transport.TCP));
                ImClient bob = shared.client(first.clientConfig(Transport.TCP))) {
            alice.addListener(aliceEvents);
            bob.addListener(bobEvents);
            alice.login("alice", "tk", null).get(10, TimeUnit.SECONDS);
            bob.login("bob", "tk", null).get(10, TimeUnit.SECONDS);

            int port = first.server().port(Transport.TCP);
            second.configure(config -> config.gateway(Transport.TCP).setPort(port));
            first.server().stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.state() == ClientState.RECONNECTING);
            List<CompletableFuture<String>> sends = new ArrayList<>(messages);
            for (int i = 0; i < messages; i++) {
                sends.add(alice.send("bob", "held " + i, 1));
            }
            second.server();

            await().atMost(Duration.ofSeconds(60)).until(() -> sends.stream().allMatch(CompletableFuture::isDone));
            assertThat(aliceEvents.lost).as("0 reported lost").isEmpty();
            assertThat(sends).allSatisfy(send -> assertThat(send).isCompleted());
            assertThat(bobEvents.messages).extracting(Packet::fp).hasSize(messages).doesNotHaveDuplicates();
            assertThat(aliceEvents.errors).extracting(ErrorResponse::errorCode)
                    .as("the burst met the rate limit, which only slowed it down")
                    .contains(ErrorCode.RATE_LIMITED);
        }
    }
}
