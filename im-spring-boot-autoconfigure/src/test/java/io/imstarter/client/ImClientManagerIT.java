package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RecordingClientListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many clients in one JVM through one manager, sharing one event loop group, scheduler and executor. */
class ImClientManagerIT {

    private static final int PAIRS = 100;
    private static final int MESSAGES_PER_CLIENT = 5;

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension();

    @Test
    void twoHundredClientsExchangeMessagesWithoutLossOrDuplicates() throws Exception {
        Map<String, Queue<Packet>> inboxes = new ConcurrentHashMap<>();
        try (ImClientManager manager = shared.manager(im.clientConfig(Transport.TCP))) {
            manager.addListener(new ImClientListener() {
                @Override
                public void onMessage(String userId, Packet message) {
                    inboxes.computeIfAbsent(userId, id -> new ConcurrentLinkedQueue<>()).add(message);
                }
            });
            List<CompletableFuture<?>> logins = new ArrayList<>();
            for (int i = 0; i < 2 * PAIRS; i++) {
                logins.add(manager.login("user" + i, "tk", null));
            }
            CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(manager.snapshot()).hasSize(2 * PAIRS).allSatisfy(
                    (user, state) -> assertThat(state).isEqualTo(ClientState.LOGGED_IN));
            assertThat(im.server().onlineUsers()).hasSize(2 * PAIRS);

            List<CompletableFuture<String>> sends = new ArrayList<>();
            for (int n = 0; n < MESSAGES_PER_CLIENT; n++) {
                for (int i = 0; i < 2 * PAIRS; i++) {
                    String partner = "user" + (i ^ 1);
                    sends.add(manager.send("user" + i, partner, "m" + n, 1, true));
                }
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(30)).until(() -> inboxes.values().stream()
                    .mapToInt(Queue::size).sum() >= 2 * PAIRS * MESSAGES_PER_CLIENT);
            for (int i = 0; i < 2 * PAIRS; i++) {
                String partner = "user" + (i ^ 1);
                assertThat(inboxes.get("user" + i)).as("inbox of user%d", i)
                        .allSatisfy(message -> assertThat(message.from()).isEqualTo(partner))
                        .extracting(Packet::dataContent)
                        .containsExactly("m0", "m1", "m2", "m3", "m4");
            }
        }
    }

    @Test
    void findsSendsAndLogsOutClientsByUserId() throws Exception {
        RecordingClientListener events = new RecordingClientListener();
        try (ImClientManager manager = shared.manager(im.clientConfig(Transport.TCP))) {
            manager.addListener(events);
            manager.login("a", "tk", null).get(10, TimeUnit.SECONDS);
            manager.login("b", "tk", null).get(10, TimeUnit.SECONDS);

            assertThat(manager.find("a")).get().extracting(ImClient::userId).isEqualTo("a");
            manager.send("a", "b", "hi", 1, true).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.messages.size() == 1);
            assertThatThrownBy(() -> manager.send("nobody", "b", "hi", 1, true).join()).cause()
                    .isInstanceOfSatisfying(ImClientException.class,
                            ex -> assertThat(ex.code()).isEqualTo(ErrorCode.CLIENT_NOT_INITIALIZED));

            manager.logout("a").get(10, TimeUnit.SECONDS);

            assertThat(manager.find("a")).isEmpty();
            assertThat(manager.snapshot()).containsOnlyKeys("b");
            await().atMost(Duration.ofSeconds(10)).until(() -> im.server().session("a").isEmpty());
        }
    }

    @Test
    void logsAUserInAfreshAfterItsClientWasClosed() throws Exception {
        try (ImClientManager manager = shared.manager(im.clientConfig(Transport.TCP))) {
            manager.login("a", "tk", null).get(10, TimeUnit.SECONDS);
            ImClient first = manager.find("a").orElseThrow();
            first.close();

            manager.login("a", "tk", null).get(10, TimeUnit.SECONDS);

            assertThat(manager.find("a")).get().isNotSameAs(first)
                    .extracting(ImClient::state).isEqualTo(ClientState.LOGGED_IN);
            assertThat(manager.close("a")).isTrue();
            assertThat(manager.snapshot()).isEmpty();
        }
    }

    @Test
    void refusesClientsBeyondItsBound() throws Exception {
        try (ImClientManager manager = new ImClientManager(im.clientConfig(Transport.TCP), shared.group,
                shared.scheduler, shared.callbacks, 1)) {
            manager.login("a", "tk", null).get(10, TimeUnit.SECONDS);

            assertThatThrownBy(() -> manager.login("b", "tk", null).join()).cause()
                    .isInstanceOf(ImClientException.class).hasMessageContaining("maximum of 1");
            assertThat(manager.snapshot()).containsOnlyKeys("a");
        }
    }
}
