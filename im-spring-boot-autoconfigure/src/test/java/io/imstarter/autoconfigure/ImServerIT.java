package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.autoconfigure.health.ImHealthIndicator;
import io.imstarter.event.ImC2CDeliveredEvent;
import io.imstarter.event.ImC2SMessageReceivedEvent;
import io.imstarter.event.ImEvent;
import io.imstarter.event.ImLoginFailedEvent;
import io.imstarter.event.ImUserLoggedInEvent;
import io.imstarter.event.ImUserLoggedOutEvent;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.server.netty.GatewayPipelineCustomizer;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerListener;
import io.imstarter.server.LoginVerifier;
import io.imstarter.server.LogoutReason;
import io.imstarter.server.SessionInfo;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.TcpRawClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * A real application on ephemeral ports: raw TCP clients log in and message; events, health and meters follow, and
 * the application's verifier, listener and pipeline customizer beans take part.
 */
@SpringBootTest(classes = ImServerIT.App.class, properties = { "im.server.address=127.0.0.1",
        "im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0", "im.client.enabled=false",
        "im.server.rate-limit.keep-alives-per-second=5", "im.server.rate-limit.close-after-refused=20" })
class ImServerIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Value("${local.im.server.tcp.port}")
    private int tcpPort;

    @Value("${local.im.server.udp.port}")
    private int udpPort;

    @Value("${local.im.server.websocket.port}")
    private int websocketPort;

    @Autowired
    private ImServer server;

    @Autowired
    private Listeners listeners;

    @Autowired
    private ImHealthIndicator health;

    @Autowired
    private MeterRegistry meters;

    @Test
    void publishesTheBoundPortsAndReportsUp() {
        assertThat(tcpPort).isPositive().isEqualTo(server.port(Transport.TCP));
        assertThat(udpPort).isPositive().isEqualTo(server.port(Transport.UDP));
        assertThat(websocketPort).isPositive().isEqualTo(server.port(Transport.WEBSOCKET));
        Health current = health.health(true);
        assertThat(current.getStatus()).isEqualTo(Status.UP);
        assertThat(current.getDetails()).containsKeys("gateways", "pendingQos");
    }

    @Test
    void loginReachesAConditionalListenerDespiteAThrowingOne() throws Exception {
        try (TcpRawClient client = new TcpRawClient(tcpPort)) {
            assertThat(client.login("u1", "token", 0).code()).isEqualTo(0);

            await().atMost(WAIT).until(() -> listeners.ofU1.size() == 1);
            ImUserLoggedInEvent event = listeners.ofU1.get(0);
            assertThat(event.transport()).isEqualTo(Transport.TCP);
            assertThat(event.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
            assertThat(listeners.throwingCalls()).isPositive();
        }
        await().atMost(WAIT).until(() -> listeners.all.stream().anyMatch(
                e -> e instanceof ImUserLoggedOutEvent out && out.userId().equals("u1")
                        && out.reason() == LogoutReason.CONNECTION_CLOSED));
    }

    @Test
    void c2sMessageIsAckedAndPublished() throws Exception {
        try (TcpRawClient client = new TcpRawClient(tcpPort)) {
            client.login("c2s-sender", "token", 0);
            Packet message = Packet.of(PacketType.DATA, "hello server", "c2s-sender", "0", null, true, 7);
            client.send(message);

            assertThat(client.awaitPacket(Expect.type(PacketType.ACK)).dataContent()).isEqualTo(message.fp());
            await().atMost(WAIT).until(() -> listeners.of(ImC2SMessageReceivedEvent.class).stream()
                    .anyMatch(e -> e.message().fp().equals(message.fp())));
            ImC2SMessageReceivedEvent event = listeners.of(ImC2SMessageReceivedEvent.class).stream()
                    .filter(e -> e.message().fp().equals(message.fp())).findFirst().orElseThrow();
            assertThat(event.userId()).isEqualTo("c2s-sender");
            assertThat(event.message().content()).isEqualTo("hello server");
            assertThat(event.message().typeu()).isEqualTo(7);
        }
    }

    @Test
    void c2cMessageIsDeliveredAndPublishedOnceTheReceiverAcks() throws Exception {
        try (TcpRawClient alice = new TcpRawClient(tcpPort); TcpRawClient bob = new TcpRawClient(tcpPort)) {
            alice.login("alice", "token", 0);
            bob.login("bob", "token", 0);
            Packet message = Packet.of(PacketType.DATA, "hi bob", "alice", "bob", null, true, 0);
            alice.send(message);

            Packet received = bob.awaitPacket(Expect.type(PacketType.DATA));
            assertThat(received.fp()).isEqualTo(message.fp());
            bob.send(received.ackFrom("bob"));
            assertThat(alice.awaitPacket(Expect.type(PacketType.ACK)).dataContent()).isEqualTo(message.fp());
            await().atMost(WAIT).until(() -> listeners.of(ImC2CDeliveredEvent.class).stream()
                    .anyMatch(e -> e.message().fp().equals(message.fp()) && e.message().toUserId().equals("bob")));
        }
    }

    @Test
    void metersCountEachC2SMessageExactly() throws Exception {
        double before = meters.get("im.messages.received").tag("kind", "c2s").functionCounter().count();
        try (TcpRawClient client = new TcpRawClient(tcpPort)) {
            client.login("counted", "token", 0);
            for (int i = 0; i < 5; i++) {
                Packet message = Packet.of(PacketType.DATA, "m" + i, "counted", "0", null, true, 0);
                client.send(message);
                assertThat(client.awaitPacket(Expect.type(PacketType.ACK)).dataContent()).isEqualTo(message.fp());
            }
            assertThat(meters.get("im.messages.received").tag("kind", "c2s").functionCounter().count())
                    .isEqualTo(before + 5);
            assertThat(meters.get("im.sessions").tag("transport", "tcp").gauge().value()).isPositive();
            assertThat(meters.get("im.qos.pending").gauge().value()).isGreaterThanOrEqualTo(0);
            assertThat(meters.get("im.qos.dedup.window").gauge().value()).as("the configured 10 min, memory to spare")
                    .isEqualTo(600.0);
        }
    }

    @Test
    void aFlooderIsClosedAndCountedByHealthAndMeters() {
        try (TcpRawClient flooder = new TcpRawClient(tcpPort)) {
            flooder.login("flooder", "token", 0);
            for (int i = 0; i < 100 && !flooder.isClosed(); i++) {
                try {
                    flooder.send(Packet.control(PacketType.KEEP_ALIVE, "{}", "flooder", "0"));
                }
                catch (RuntimeException closedMidFlood) {
                    break;
                }
            }
            flooder.awaitClosedByServer();
        }
        await().atMost(WAIT).until(() -> listeners.all.stream().anyMatch(
                e -> e instanceof ImUserLoggedOutEvent out && out.userId().equals("flooder")
                        && out.reason() == LogoutReason.FLOODING));
        @SuppressWarnings("unchecked")
        Map<String, Object> connections = (Map<String, Object>) health.health(true).getDetails().get("connections");
        assertThat(connections).containsEntry("closedForFlooding", 1L).containsEntry("closedForBackpressure", 0L);
        assertThat(meters.get("im.connections.closed").tag("reason", "flooding").functionCounter().count())
                .isEqualTo(1);
        assertThat(meters.get("im.connections.closed").tag("reason", "backpressure").functionCounter().count())
                .isZero();
    }

    @Test
    void applicationBeansTakePartInTheServer() throws Exception {
        try (TcpRawClient intruder = new TcpRawClient(tcpPort)) {
            assertThat(intruder.login("intruder", "token", 0).code()).isEqualTo(1025);
        }
        await().atMost(WAIT).until(() -> listeners.of(ImLoginFailedEvent.class).stream()
                .anyMatch(e -> e.userId().equals("intruder") && e.code() == 1025));
        try (TcpRawClient client = new TcpRawClient(tcpPort)) {
            client.login("observed", "token", 0);
            await().atMost(WAIT).until(() -> listeners.serverListenerLogins.contains("observed"));
        }
        assertThat(listeners.customizedPipelines).contains(Transport.TCP);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listeners.class)
    static class App {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        LoginVerifier refuseIntruders() {
            return request -> request.userId().equals("intruder") ? 1025 : 0;
        }

        @Bean
        ImServerListener recordingServerListener(Listeners listeners) {
            return new ImServerListener() {
                @Override
                public void onLoggedIn(SessionInfo session) {
                    listeners.serverListenerLogins.add(session.userId());
                }
            };
        }

        @Bean
        GatewayPipelineCustomizer recordingPipelineCustomizer(Listeners listeners) {
            return (transport, pipeline) -> listeners.customizedPipelines.add(transport);
        }
    }

    static class Listeners {

        final List<ImUserLoggedInEvent> ofU1 = new CopyOnWriteArrayList<>();

        final List<ImEvent> all = new CopyOnWriteArrayList<>();

        final Set<String> serverListenerLogins = ConcurrentHashMap.newKeySet();

        final Set<Transport> customizedPipelines = ConcurrentHashMap.newKeySet();

        private final List<ImEvent> thrownOn = new CopyOnWriteArrayList<>();

        @EventListener
        @Order(1)
        void throwing(ImUserLoggedInEvent event) {
            thrownOn.add(event);
            throw new IllegalStateException("listener failure on purpose");
        }

        @EventListener(condition = "#event.userId == 'u1'")
        @Order(2)
        void onlyU1(ImUserLoggedInEvent event) {
            ofU1.add(event);
        }

        @EventListener
        void any(ImEvent event) {
            all.add(event);
        }

        int throwingCalls() {
            return thrownOn.size();
        }

        <T extends ImEvent> List<T> of(Class<T> type) {
            return all.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
