package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RawHttp;
import io.imstarter.testsupport.WebSocketRawClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Section 5, WebSocket: pings, no extensions, the upgrade path with a query string. */
class WebSocketGatewayIT {

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension();

    @Test
    @DisplayName("section 5: a WebSocket ping gets a pong with the same payload")
    void pingGetsPong() {
        WebSocketRawClient client = (WebSocketRawClient) im.connect(Transport.WEBSOCKET);

        client.ping("are you alive".getBytes(StandardCharsets.UTF_8));

        await().atMost(RawClient.TIMEOUT).until(() -> !client.pongs().isEmpty());
        assertThat(new String(client.pongs().get(0), StandardCharsets.UTF_8)).isEqualTo("are you alive");
    }

    @Test
    @DisplayName("section 5: the upgrade negotiates no extension even when permessage-deflate is offered")
    void upgradeNegotiatesNoExtension() {
        String head = RawHttp.upgradeHead(im.address(Transport.WEBSOCKET), "/websocket",
                "permessage-deflate; client_max_window_bits");

        assertThat(head).startsWith("HTTP/1.1 101");
        assertThat(head.toLowerCase()).doesNotContain("sec-websocket-extensions");
    }

    @Test
    @DisplayName("section 5: the upgrade path ignores a query string")
    void queryStringIsIgnored() {
        String user = im.newUserId("ws-query");
        RawClient client = new WebSocketRawClient(URI.create("ws://127.0.0.1:"
                + im.server().port(Transport.WEBSOCKET) + "/websocket?token=abc&v=6"));
        try {
            assertThat(client.login(user, "tk", 0).code()).isZero();
            assertThat(client.keepAlive(user).to()).isEqualTo(user);
        }
        finally {
            client.close();
        }
    }
}
