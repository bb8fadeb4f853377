package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.QosTimings;
import io.imstarter.testsupport.RecordingClientListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An embedded client given two independent servers, A then B, that share nothing: it logs in on A, moves to B when A
 * stops (TCP and WebSocket see the connection close; UDP sees its keep-alives go unanswered for the link timeout),
 * starts on B when A refuses, and its QoS outbox carries unacknowledged messages over to B.
 */
class ImClientFailoverIT {

    /** Client QoS that re-sends every 200 ms and holds a message for about 10 s, longer than any failover here. */
    static ImClientConfig patientQos(ImClientConfig config) {
        QosTimings.set(config.getQos(), Duration.ofMillis(200), Duration.ofMillis(200), 50, 1000);
        return config;
    }

    /** TCP and WebSocket fail over within a second; UDP needs its 1.5 s link timeout first. */
    private static final Duration FAILOVER = Duration.ofSeconds(8);

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    @RegisterExtension
    final ImServerExtension a = new ImServerExtension();

    @RegisterExtension
    final ImServerExtension b = new ImServerExtension();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void logsInOnTheSecondServerWithTheSameFirstLoginTimeWhenTheFirstStops(Transport transport) throws Exception {
        ServerAddress first = address(a, transport);
        ServerAddress second = address(b, transport);
        RecordingClientListener events = new RecordingClientListener();
        try (ImClient alice = shared.client(servers(a.clientConfig(transport), first, second))) {
            alice.addListener(events);
            alice.login("alice", "tk", null).get(10, TimeUnit.SECONDS);
            assertThat(alice.server()).isEqualTo(first);
            long firstLoginTime = alice.firstLoginTime();

            a.server().stop();

            await().atMost(FAILOVER).until(() -> second.equals(alice.server())
                    && b.server().session("alice").isPresent());
            assertThat(b.server().session("alice").get().firstLoginTime()).isEqualTo(firstLoginTime);
            assertThat(alice.firstLoginTime()).isEqualTo(firstLoginTime);
            // Listeners run on the callback executor, after the state changed.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(events.loginServers).containsExactly(first, second);
                assertThat(events.linkClosed).containsExactly(ErrorCode.CONNECTION_BROKEN);
            });
        }
    }

    /**
     * One message is in A's hands when A stops (A could not deliver it: bob is on B), another is sent while the
     * client fails over; both reach bob on B, once each.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void qosMessagesInFlightWhenTheFirstServerStopsReachTheReceiverOnTheSecondOnce(Transport transport)
            throws Exception {
        RecordingClientListener bobEvents = new RecordingClientListener();
        try (ImClient bob = shared.client(b.clientConfig(Transport.TCP));
                ImClient alice = shared.client(servers(patientQos(a.clientConfig(transport)), address(a, transport),
                        address(b, transport)))) {
            bob.addListener(bobEvents);
            bob.login("bob", "tk", null).get(10, TimeUnit.SECONDS);
            alice.login("alice", "tk", null).get(10, TimeUnit.SECONDS);

            CompletableFuture<String> inFlight = alice.send("bob", "in flight", 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> !a.offline().callsFor("bob").isEmpty());
            assertThat(inFlight).isNotDone();
            a.server().stop();
            CompletableFuture<String> duringFailover = alice.send("bob", "during failover", 1);

            String inFlightFp = inFlight.get(15, TimeUnit.SECONDS);
            String duringFailoverFp = duringFailover.get(15, TimeUnit.SECONDS);
            // Nothing re-sent before this later message can still be on its way to bob once it arrived.
            String last = alice.send("bob", "after the failover", 1).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> fps(bobEvents).contains(last));
            assertThat(fps(bobEvents)).containsExactlyInAnyOrder(inFlightFp, duringFailoverFp, last);
            assertThat(alice.pendingQos()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void startsOnTheSecondServerWhenTheFirstRefuses(Transport transport) throws Exception {
        ServerAddress refusing = address(a, transport);
        a.server().stop();
        ServerAddress second = address(b, transport);
        RecordingClientListener events = new RecordingClientListener();
        // A login timeout longer than the bound below: UDP too must notice the refusal (ICMP port unreachable).
        try (ImClient alice = shared.client(servers(b.clientConfig(transport).setLoginTimeout(Duration.ofSeconds(10)),
                refusing, second))) {
            alice.addListener(events);

            alice.login("alice", "tk", null).get(5, TimeUnit.SECONDS);

            assertThat(alice.server()).isEqualTo(second);
            assertThat(b.server().session("alice")).isPresent();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events.loginServers)
                    .containsExactly(second));
        }
    }

    @Test
    void failsTheLoginNamingEveryServerWhenNoneAnswers() {
        ServerAddress first = address(a, Transport.TCP);
        ServerAddress second = address(b, Transport.TCP);
        ImClientConfig config = servers(a.clientConfig(Transport.TCP), first, second);
        a.server().stop();
        b.server().stop();
        try (ImClient alice = shared.client(config)) {
            assertThatThrownBy(() -> alice.login("alice", "tk", null).get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(ImClientException.class, ex -> {
                        assertThat(ex.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
                        assertThat(ex.getMessage()).contains(second.toString(), "[" + first + ", " + second + "]");
                    });
            assertThat(alice.state()).isEqualTo(ClientState.DISCONNECTED);
            assertThat(alice.server()).isNull();
        }
    }

    /** Sets {@code im.client.servers} as the properties would, in {@code host:port} form. */
    static ImClientConfig servers(ImClientConfig config, ServerAddress... servers) {
        return config.setServers(Stream.of(servers).map(ServerAddress::toString).toList());
    }

    private static ServerAddress address(ImServerExtension server, Transport transport) {
        return new ServerAddress("127.0.0.1", server.server().port(transport));
    }

    private static List<String> fps(RecordingClientListener events) {
        return events.messages.stream().map(Packet::fp).toList();
    }
}
