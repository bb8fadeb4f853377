package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.autoconfigure.health.ImHealthIndicator;
import io.imstarter.protocol.ErrorCode;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.TcpRawClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * Issue 10 through Spring: the {@code im.server.*} deadline and cap properties reach the server, and the connections
 * it refuses or closes for a missed login deadline show in the health details and as meters.
 */
@SpringBootTest(classes = ImConnectionGuardsIT.App.class, properties = { "im.server.address=127.0.0.1",
        "im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0", "im.client.enabled=false",
        "im.server.login-timeout=500ms", "im.server.frame-timeout=2s", "im.server.tcp.max-connections=1",
        "im.server.tcp.max-connections-per-address=5", "im.server.tcp.max-discard-bytes=8KB",
        "im.server.udp.max-peers=7", "im.server.websocket.max-connections=9",
        "im.server.shutdown-grace-period=0s" })
class ImConnectionGuardsIT {

    @Value("${local.im.server.tcp.port}")
    private int tcpPort;

    @Autowired
    private ImServer server;

    @Autowired
    private ImHealthIndicator health;

    @Autowired
    private MeterRegistry meters;

    @Test
    void propertiesReachTheServerConfig() {
        ImServerConfig config = server.config();

        assertThat(config.getLoginTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.getFrameTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.getTcp().getMaxConnections()).isEqualTo(1);
        assertThat(config.getTcp().getMaxConnectionsPerAddress()).isEqualTo(5);
        assertThat(config.getTcp().maxDiscard()).isEqualTo(8192);
        assertThat(config.getUdp().getMaxPeers()).isEqualTo(7);
        assertThat(config.getWebsocket().getMaxConnections()).isEqualTo(9);
    }

    @Test
    void refusalsAndLoginTimeoutsShowInHealthAndMeters() {
        try (TcpRawClient admitted = new TcpRawClient(tcpPort)) {
            assertThat(admitted.login("guarded", "token", 0).code()).isZero();
            try (TcpRawClient newcomer = new TcpRawClient(tcpPort)) {
                assertThat(Expect.errorOf(newcomer.awaitPacket(Expect.error(ErrorCode.RATE_LIMITED))).errorMsg())
                        .contains("limit of 1 TCP connections");
            }
        }
        // The server frees a closed connection's slot a moment after the client sees the close, so a silent client
        // may be refused before it is admitted and left to miss its login deadline: try until one was.
        await().atMost(RawClient.TIMEOUT).untilAsserted(() -> {
            try (TcpRawClient silent = new TcpRawClient(tcpPort)) {
                silent.awaitClosedByServer();
            }
            assertThat(meters.get("im.connections.closed").tag("reason", "login-timeout").functionCounter().count())
                    .isGreaterThanOrEqualTo(1);
        });

        assertThat(meters.get("im.connections.refused").functionCounter().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("im.connections.closed").tag("reason", "frame-timeout").functionCounter().count())
                .isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> connections = (Map<String, Object>) health.health(true).getDetails().get("connections");
        assertThat(connections).containsEntry("closedForFrameTimeout", 0L)
                .hasEntrySatisfying("refused", refused -> assertThat((Long) refused).isPositive())
                .hasEntrySatisfying("closedForLoginTimeout", closed -> assertThat((Long) closed).isPositive());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
