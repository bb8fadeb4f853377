package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS on TCP and WebSocket: the client talks to a server it trusts and refuses one it does not. */
class ImClientTlsIT {

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    private static SelfSignedCertificate certificate;
    private static ImServer server;

    @BeforeAll
    @SuppressWarnings("deprecation")
    static void start() throws Exception {
        certificate = new SelfSignedCertificate("localhost");
        SslContext serverTls = SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey()).build();
        ImServerConfig config = TestServers.ephemeralConfig();
        config.tcp().sslContext(serverTls);
        config.websocket().sslContext(serverTls);
        server = TestServers.start(config, new ServerEvents());
    }

    @AfterAll
    static void stop() {
        server.stop();
        certificate.delete();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "WEBSOCKET"})
    void exchangesMessagesOverTlsWithATrustedServer(Transport transport) throws Exception {
        // The certificate names localhost while the test dials 127.0.0.1: trust the certificate, skip the name.
        SslContext trusting = SslContextBuilder.forClient().trustManager(certificate.certificate())
                .endpointIdentificationAlgorithm(null).build();
        RecordingListener bobEvents = new RecordingListener();
        try (ImClient alice = shared.client(TestServers.clientFor(server, transport).sslContext(trusting));
                ImClient bob = shared.client(TestServers.clientFor(server, transport).sslContext(trusting))) {
            bob.addListener(bobEvents);
            alice.login("tls-alice-" + transport, "tk", null).get(10, TimeUnit.SECONDS);
            bob.login("tls-bob-" + transport, "tk", null).get(10, TimeUnit.SECONDS);

            alice.send("tls-bob-" + transport, "secret", 1).get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> bobEvents.messages.size() == 1);
            assertThat(bobEvents.messages.peek().dataContent()).isEqualTo("secret");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "WEBSOCKET"})
    void refusesAServerWhoseCertificateItDoesNotTrust(Transport transport) throws Exception {
        SslContext defaultTrust = SslContextBuilder.forClient().build();
        try (ImClient client = shared.client(TestServers.clientFor(server, transport).sslContext(defaultTrust))) {

            assertThatThrownBy(() -> client.login("tls-carol", "tk", null).get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(ImClientException.class, ex -> assertThat(ex.code())
                            .isIn(ErrorCode.CONNECT_FAILED, ErrorCode.CONNECTION_BROKEN));
            assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
            assertThat(server.session("tls-carol")).isEmpty();
        }
    }
}
