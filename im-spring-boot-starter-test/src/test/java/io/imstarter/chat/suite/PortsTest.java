package io.imstarter.chat.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.test.LocalImTcpPort;
import io.imstarter.test.LocalImUdpPort;
import io.imstarter.test.LocalImWebSocketPort;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ports the gateways bound are ephemeral and injectable, and the test defaults are what a test sees. */
@ChatSuiteTest
class PortsTest {

    @LocalImTcpPort
    private int tcpPort;

    @LocalImUdpPort
    private int udpPort;

    @LocalImWebSocketPort
    private int webSocketPort;

    @Autowired
    private ImServer server;

    @Test
    void everyGatewayIsOnAnEphemeralPortPublishedForInjection() {
        assertThat(tcpPort).isEqualTo(server.port(Transport.TCP)).isNotIn(0, 8901);
        assertThat(udpPort).isEqualTo(server.port(Transport.UDP)).isNotIn(0, 7901);
        assertThat(webSocketPort).isEqualTo(server.port(Transport.WEBSOCKET)).isNotIn(0, 3000);
    }

    @Test
    void theTestTimersReplaceTheProductionOnes() {
        assertThat(server.config().getQos().getMinAge()).hasMillis(250);
        assertThat(server.config().getQos().getReceiverAckTimeout()).hasSeconds(1);
    }
}
