package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, caps: a gateway holds at most {@code max-connections} in total and {@code max-connections-per-address}
 * from one address (every test client comes from 127.0.0.1); a newcomer beyond a cap gets 52/305 naming the limit
 * and is closed, and a slot freed by a close is free again. One server per test, so counts start at zero.
 */
class ConnectionCapsIT {

    private static final int TCP_MAX = 3;
    private static final int WEBSOCKET_PER_ADDRESS = 2;

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().configure(config -> {
        config.getTcp().setMaxConnections(TCP_MAX);
        config.getWebsocket().setMaxConnectionsPerAddress(WEBSOCKET_PER_ADDRESS);
    });

    @Test
    @DisplayName("TCP beyond max-connections: 52/305 naming the limit, a close, and the slot is reusable after a close")
    void tcpTotalCapRefusesTheNewcomer() {
        List<RawClient> admitted = new ArrayList<>();
        for (int i = 0; i < TCP_MAX; i++) {
            admitted.add(im.loggedIn(Transport.TCP, im.newUserId("tcp-cap")));
        }

        RawClient newcomer = im.connect(Transport.TCP);

        assertRefused(newcomer, "limit of " + TCP_MAX + " TCP connections");
        admitted.get(0).close();
        await().atMost(RawClient.TIMEOUT).until(() -> im.server().sessionCounts().get(Transport.TCP) == TCP_MAX - 1);
        String late = im.newUserId("tcp-late");
        assertThat(im.loggedIn(Transport.TCP, late).keepAlive(late).to()).isEqualTo(late);
    }

    @Test
    @DisplayName("WebSocket beyond max-connections-per-address: 52/305 naming the limit, then a close")
    void webSocketPerAddressCapRefusesTheNewcomer() {
        for (int i = 0; i < WEBSOCKET_PER_ADDRESS; i++) {
            im.loggedIn(Transport.WEBSOCKET, im.newUserId("ws-cap"));
        }

        RawClient newcomer = im.connect(Transport.WEBSOCKET);

        assertRefused(newcomer, "from your address: the limit is " + WEBSOCKET_PER_ADDRESS);
        assertThat(im.server().sessionCounts().get(Transport.WEBSOCKET)).isEqualTo(WEBSOCKET_PER_ADDRESS);
    }

    @Test
    @DisplayName("a refused connection's packets go nowhere: its login is not processed")
    void refusedConnectionCannotLogIn() {
        for (int i = 0; i < TCP_MAX; i++) {
            RawClient admitted = im.connect(Transport.TCP);
            admitted.send(Wire.echo(UserIds.UNKNOWN, "admitted"));
            admitted.awaitPacket(Expect.type(PacketType.ECHO_RESPONSE));
        }
        RawClient newcomer = im.connect(Transport.TCP);
        String user = im.newUserId("refused");

        try {
            newcomer.send(Wire.login(user, "token", 0));
        }
        catch (UncheckedIOException alreadyClosed) {
            // The refusal may close the socket before the login is written; either way it must not log in.
        }

        newcomer.awaitClosedByServer();
        assertThat(im.server().session(user)).isEmpty();
        assertThat(im.verifier().requests(user)).isEmpty();
    }

    private void assertRefused(RawClient newcomer, String limit) {
        Packet refusal = newcomer.awaitPacket(Expect.error(ErrorCode.RATE_LIMITED));
        assertThat(refusal.to()).isEqualTo(UserIds.UNKNOWN);
        assertThat(Expect.errorOf(refusal).errorMsg()).contains(limit);
        newcomer.awaitClosedByServer();
        assertThat(im.server().stats().refusedConnections()).isEqualTo(1);
    }
}
