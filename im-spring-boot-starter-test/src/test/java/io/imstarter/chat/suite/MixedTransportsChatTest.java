package io.imstarter.chat.suite;

import static io.imstarter.test.ImAssertions.assertThat;

import io.imstarter.protocol.Transport;
import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImUser;
import org.junit.jupiter.api.Test;

@ChatSuiteTest
class MixedTransportsChatTest {

    @Test
    void udpUserTalksToWebSocketUser(@ImUser(value = "udp-erin", transport = Transport.UDP) ImTestClient erin,
            @ImUser(value = "ws-frank", transport = Transport.WEBSOCKET) ImTestClient frank) {
        String fp = erin.send("ws-frank", "over udp");

        assertThat(frank).received("over udp").from("udp-erin");
        erin.awaitAck(fp);
    }

    @Test
    void webSocketUserTalksToTcpUser(@ImUser(value = "ws-gina", transport = Transport.WEBSOCKET) ImTestClient gina,
            @ImUser("tcp-hank") ImTestClient hank) {
        String fp = gina.send("tcp-hank", "over websocket");

        assertThat(hank).received("over websocket");
        gina.awaitAck(fp);
        hank.assertNothingReceivedWithin(java.time.Duration.ofMillis(300));
    }
}
