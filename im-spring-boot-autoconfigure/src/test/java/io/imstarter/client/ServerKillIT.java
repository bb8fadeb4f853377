package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ForkedStoreServer;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RecordingClientListener;
import io.imstarter.testsupport.TcpRawClient;
import io.imstarter.testsupport.Wire;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process killed with SIGKILL while senders stream QoS messages to an offline receiver, then restarted on
 * the same H2 file (section 10): every message whose sender got an ACK was committed, and reaches the receiving
 * application after the restart, once.
 */
class ServerKillIT {

    private static final int SENDERS = 3;
    private static final int ACKS_BEFORE_KILL = 150;

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    @TempDir
    Path directory;

    @Test
    void everyMessageAckedBeforeTheServerWasKilledIsDeliveredOnceAfterItsRestart() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("im-store");
        List<RawClient> senders = new ArrayList<>();
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(1);
        try (ForkedStoreServer first = ForkedStoreServer.start(url)) {
            for (int i = 0; i < SENDERS; i++) {
                RawClient sender = new TcpRawClient(first.address());
                assertThat(sender.login("sender-" + i, "tk", 0).code()).isZero();
                senders.add(sender);
                stream(pacer, sender, "sender-" + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acked(senders).size() >= ACKS_BEFORE_KILL);

            first.kill();
        }
        finally {
            pacer.shutdownNow();
            pacer.awaitTermination(5, TimeUnit.SECONDS);
        }
        Set<String> ackedBeforeKill = acked(senders);
        senders.forEach(RawClient::close);

        RecordingClientListener application = new RecordingClientListener();
        try (ForkedStoreServer restarted = ForkedStoreServer.start(url);
                ImClient receiver = shared.client(new ImClientConfig().setTransport(Transport.TCP)
                        .setPort(restarted.port()))) {
            receiver.addListener(application);
            receiver.login("bob", "tk", null).get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fps(application))
                    .as("delivered after the restart, of %d acked before the kill", ackedBeforeKill.size())
                    .containsAll(ackedBeforeKill));
        }
        List<String> delivered = application.messages.stream().map(Packet::fp).toList();
        assertThat(delivered).as("no duplicates to the application").doesNotHaveDuplicates();
        assertThat(ackedBeforeKill).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    }

    /** Sends a QoS message to the offline "bob" every 5 ms until the pacer stops or the link breaks. */
    private static void stream(ScheduledExecutorService pacer, RawClient sender, String senderId) {
        AtomicInteger next = new AtomicInteger();
        pacer.scheduleAtFixedRate(() -> {
            if (!sender.isClosed()) {
                sender.send(Wire.data(senderId, "bob", senderId + " message " + next.getAndIncrement(), true));
            }
        }, 0, 5, TimeUnit.MILLISECONDS);
    }

    private static Set<String> acked(List<RawClient> senders) {
        return senders.stream().flatMap(sender -> sender.inbox().matching(Expect.type(PacketType.ACK)).stream())
                .map(Packet::dataContent).collect(Collectors.toSet());
    }

    private static Set<String> fps(RecordingClientListener application) {
        return application.messages.stream().map(Packet::fp).collect(Collectors.toSet());
    }
}
