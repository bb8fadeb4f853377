package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RecordingClientListener;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS on TCP and WebSocket: the client talks to a server it trusts and refuses one it does not. */
class ImClientTlsIT {

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    private static final SelfSignedCertificate certificate = selfSigned();

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().transport(netty -> {
        SslContext serverTls = serverTls();
        netty.sslContext(Transport.TCP, serverTls).sslContext(Transport.WEBSOCKET, serverTls);
    });

    @SuppressWarnings("deprecation")
    private static SelfSignedCertificate selfSigned() {
        try {
            return new SelfSignedCertificate("localhost");
        }
        catch (CertificateException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static SslContext serverTls() {
        try {
            return SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey()).build();
        }
        catch (SSLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @AfterAll
    static void deleteCertificate() {
        certificate.delete();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "WEBSOCKET"})
    void exchangesMessagesOverTlsWithATrustedServer(Transport transport) throws Exception {
        // The certificate names localhost while the test dials 127.0.0.1: trust the certificate, skip the name.
        SslContext trusting = SslContextBuilder.forClient().trustManager(certificate.certificate())
                .endpointIdentificationAlgorithm(null).build();
        RecordingClientListener bobEvents = new RecordingClientListener();
        try (ImClient alice = shared.client(im.clientConfig(transport).sslContext(trusting));
                ImClient bob = shared.client(im.clientConfig(transport).sslContext(trusting))) {
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
        try (ImClient client = shared.client(im.clientConfig(transport).sslContext(defaultTrust))) {

            assertThatThrownBy(() -> client.login("tls-carol", "tk", null).get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(ImClientException.class, ex -> {
                        assertThat(ex.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
                        assertThat(ex.getMessage()).contains(transport.name()).containsIgnoringCase("certification");
                    });
            assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
            assertThat(im.server().session("tls-carol")).isEmpty();
        }
    }
}
