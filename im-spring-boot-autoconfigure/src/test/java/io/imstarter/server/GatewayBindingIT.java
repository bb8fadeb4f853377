package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Transport;
import io.imstarter.server.netty.NettyTransport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RecordingListener.Logout;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Checklist item 1 (gateways bind by default; port 0 binds ephemeral ports) and the server lifecycle API. */
class GatewayBindingIT {

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension();

    @Test
    @DisplayName("item 1: with port 0 every gateway binds its own ephemeral port and reports it")
    void portZeroBindsEphemeralPorts() {
        ImServer server = im.server();

        for (Transport transport : Transport.values()) {
            assertThat(server.isBound(transport)).as("%s bound", transport).isTrue();
            assertThat(server.port(transport)).as("%s port", transport).isPositive();
            assertThat(server.port(transport)).as("%s port", transport).isNotEqualTo(defaultPort(transport));
        }
        assertThat(server.port(Transport.TCP)).isNotEqualTo(server.port(Transport.WEBSOCKET));
        assertThat(server.isRunning()).isTrue();
        for (Transport transport : Transport.values()) {
            String user = im.newUserId("bind");
            RawClient client = im.loggedIn(transport, user);
            assertThat(client.keepAlive(user).to()).isEqualTo(user);
        }
    }

    @Test
    @DisplayName("item 1: a disabled gateway binds nothing and reports port -1")
    void disabledGatewayBindsNothing() {
        im.configure(config -> config.getUdp().setEnabled(false));

        ImServer server = im.server();

        assertThat(server.isBound(Transport.UDP)).isFalse();
        assertThat(server.port(Transport.UDP)).isEqualTo(-1);
        assertThat(server.isBound(Transport.TCP)).isTrue();
        assertThat(server.isBound(Transport.WEBSOCKET)).isTrue();
    }

    @Test
    @DisplayName("a server built without a transport fails at once, saying how to give it one")
    void buildingWithoutATransportFailsSayingSo() {
        ImServer.Builder builder = ImServer.builder(new ImServerConfig());

        assertThatIllegalStateException().isThrownBy(builder::build).withMessageContaining("no transport")
                .withMessageContaining("NettyTransport");
    }

    @Test
    @DisplayName("item 1: with the default configuration all three gateways bind 8901, 7901 and 3000")
    void defaultConfigurationBindsAllThreeGateways() {
        ImServerConfig config = new ImServerConfig();
        Assumptions.assumeTrue(defaultPortsFree(), "another process holds 8901, 7901 or 3000 on this machine");
        ImServer server = ImServer.builder(config).transport(new NettyTransport()).build();
        try {
            try {
                server.start();
            }
            catch (ImServerStartException ex) {
                Assumptions.abort("a default port was taken between the check and the bind: " + ex.getMessage());
            }
            for (Transport transport : Transport.values()) {
                assertThat(server.isBound(transport)).as("%s bound", transport).isTrue();
                assertThat(server.port(transport)).as("%s port", transport).isEqualTo(defaultPort(transport));
            }
        }
        finally {
            server.stop();
        }
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    @DisplayName("ImServer API: stopGateway closes one transport's sessions and leaves the others running")
    void stopGatewayClosesOnlyItsOwnSessions() {
        String tcpUser = im.newUserId("stays");
        String wsUser = im.newUserId("goes");
        RawClient tcpClient = im.loggedIn(Transport.TCP, tcpUser);
        RawClient wsClient = im.loggedIn(Transport.WEBSOCKET, wsUser);

        im.server().stopGateway(Transport.WEBSOCKET);

        wsClient.awaitClosedByServer();
        assertThat(im.server().isBound(Transport.WEBSOCKET)).isFalse();
        await().atMost(RawClient.TIMEOUT).until(() -> !im.listener().loggedOut(wsUser).isEmpty());
        assertThat(im.listener().loggedOut(wsUser)).extracting(Logout::reason)
                .containsExactly(LogoutReason.CONNECTION_CLOSED);
        assertThat(tcpClient.keepAlive(tcpUser).to()).isEqualTo(tcpUser);
        assertThat(im.server().isBound(Transport.TCP)).isTrue();
    }

    @Test
    @DisplayName("ImServer API: stop closes every session with LoggedOut(CONNECTION_CLOSED)")
    void stopClosesEverySession() {
        String tcpUser = im.newUserId("stop-tcp");
        String wsUser = im.newUserId("stop-ws");
        RawClient tcpClient = im.loggedIn(Transport.TCP, tcpUser);
        RawClient wsClient = im.loggedIn(Transport.WEBSOCKET, wsUser);
        ImServer server = im.server();

        server.stop();

        tcpClient.awaitClosedByServer();
        wsClient.awaitClosedByServer();
        assertThat(server.isRunning()).isFalse();
        for (String user : new String[] {tcpUser, wsUser}) {
            await().atMost(RawClient.TIMEOUT).until(() -> !im.listener().loggedOut(user).isEmpty());
            assertThat(im.listener().loggedOut(user)).extracting(Logout::reason)
                    .containsExactly(LogoutReason.CONNECTION_CLOSED);
        }
    }

    private static int defaultPort(Transport transport) {
        return switch (transport) {
            case TCP -> 8901;
            case UDP -> 7901;
            case WEBSOCKET -> 3000;
        };
    }

    private static boolean defaultPortsFree() {
        try (ServerSocket tcp = new ServerSocket(8901); ServerSocket ws = new ServerSocket(3000);
                DatagramSocket udp = new DatagramSocket(7901)) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}
