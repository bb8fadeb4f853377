package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.netty.NettyTransport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RecordingClientListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two independent servers take turns dying and coming back on their ports while a sender streams QoS messages to a
 * receiver, both clients configured with both servers: each death moves both clients to the survivor, and every
 * message reaches the receiving application exactly once.
 */
class ImClientRepeatedFailoverIT {

    private static final int DEATHS = 4;
    private static final int MESSAGES_PER_PHASE = 5;

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyMessageReachesTheReceiverOnceWhileTwoServersTakeTurnsDying(Transport transport) throws Exception {
        ImServer[] servers = { start(transport, 0), start(transport, 0) };
        List<ServerAddress> addresses = List.of(new ServerAddress("127.0.0.1", servers[0].port(transport)),
                new ServerAddress("127.0.0.1", servers[1].port(transport)));
        ImClientConfig config = ImClientFailoverIT.servers(
                ImClientFailoverIT.patientQos(ImServerExtension.fastClientConfig().setTransport(transport)),
                addresses.toArray(ServerAddress[]::new));
        RecordingClientListener bobEvents = new RecordingClientListener();
        List<CompletableFuture<String>> sent = new ArrayList<>();
        try (ImClient alice = shared.client(config); ImClient bob = shared.client(config)) {
            bob.addListener(bobEvents);
            bob.login("bob", "tk", null).get(10, TimeUnit.SECONDS);
            alice.login("alice", "tk", null).get(10, TimeUnit.SECONDS);
            long firstLoginTime = alice.firstLoginTime();
            int lastSurvivor = 0;

            for (int death = 0; death < DEATHS; death++) {
                int dying = death % 2;
                lastSurvivor = 1 - dying;
                ServerAddress survivor = addresses.get(lastSurvivor);
                sendSome(alice, "before death " + death, sent);
                servers[dying].stop();
                sendSome(alice, "during failover " + death, sent);
                await().atMost(Duration.ofSeconds(10)).until(() -> survivor.equals(alice.server())
                        && survivor.equals(bob.server()));
                servers[dying] = start(transport, addresses.get(dying).port());
            }

            List<String> acked = new ArrayList<>();
            for (CompletableFuture<String> each : sent) {
                acked.add(each.get(20, TimeUnit.SECONDS));
            }
            // Nothing re-sent before this later message can still be on its way to bob once it arrived.
            String last = alice.send("bob", "last", 1).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> fps(bobEvents).contains(last));
            acked.add(last);
            assertThat(fps(bobEvents)).containsExactlyInAnyOrderElementsOf(acked);
            assertThat(servers[lastSurvivor].session("alice").orElseThrow().firstLoginTime())
                    .as("the firstLoginTime of the first login, after %d failovers", DEATHS).isEqualTo(firstLoginTime);
        }
        finally {
            for (ImServer server : servers) {
                server.stop();
            }
        }
    }

    private static void sendSome(ImClient alice, String phase, List<CompletableFuture<String>> sent) {
        for (int i = 0; i < MESSAGES_PER_PHASE; i++) {
            sent.add(alice.send("bob", phase + " #" + i, 1));
        }
    }

    private static ImServer start(Transport transport, int port) {
        ImServerConfig config = new ImServerConfig().setAddress("127.0.0.1")
                .setShutdownGracePeriod(Duration.ZERO)
                .setDispatchThreads(1)
                .setIoThreads(1);
        for (Transport each : Transport.values()) {
            config.gateway(each).setPort(each == transport ? port : 0);
        }
        ImServer server = ImServer.builder(config).transport(new NettyTransport()).build();
        server.start();
        return server;
    }

    private static List<String> fps(RecordingClientListener events) {
        return events.messages.stream().map(Packet::fp).toList();
    }
}
