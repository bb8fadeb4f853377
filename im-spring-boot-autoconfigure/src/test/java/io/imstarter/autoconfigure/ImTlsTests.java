package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imstarter.client.ImClientException;
import io.imstarter.client.ImClientManager;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.testsupport.TcpRawClient;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

/**
 * TLS from PEM files: a TCP gateway that speaks TLS on its port, embedded clients that verify it, and clear
 * failures for bad locations.
 */
class ImTlsTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ImServerAutoConfiguration.class))
            .withPropertyValues("im.server.address=127.0.0.1", "im.server.tcp.port=0",
                    "im.server.udp.enabled=false", "im.server.websocket.enabled=false",
                    "im.server.shutdown-grace-period=0s");

    @Test
    void tcpGatewaySpeaksTlsWithThePemCertificate() {
        runner.withPropertyValues("im.server.tcp.ssl.enabled=true",
                "im.server.tcp.ssl.certificate=classpath:tls/im.crt",
                "im.server.tcp.ssl.private-key=classpath:tls/im.key").run(context -> {
                    context.getBean(ImServerLifecycle.class).run();
                    int port = context.getBean(ImServer.class).port(Transport.TCP);
                    try (TcpRawClient client = TcpRawClient.tls(port, trusting("tls/im.crt"))) {
                        assertThat(client.login("secure", "token", 0).code()).isEqualTo(0);
                    }
                });
    }

    @Test
    void missingCertificateFailsNamingTheProperty() {
        runner.withPropertyValues("im.server.tcp.ssl.enabled=true",
                "im.server.tcp.ssl.certificate=classpath:tls/missing.crt",
                "im.server.tcp.ssl.private-key=classpath:tls/im.key")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("im.server.tcp.ssl.certificate").hasMessageContaining("does not exist"));
    }

    @Test
    void aKeyThatIsNotPemFailsNamingTheProperty() {
        runner.withPropertyValues("im.server.websocket.enabled=true", "im.server.websocket.port=0",
                "im.server.websocket.ssl.enabled=true", "im.server.websocket.ssl.certificate=classpath:tls/im.crt",
                "im.server.websocket.ssl.private-key=classpath:tls/im.crt")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("Property im.server.websocket.ssl with value")
                        .hasStackTraceContaining("PKCS #8 private key"));
    }

    @Test
    void embeddedClientsLogInOverTlsTrustingThePemCertificate() {
        clientAndServerOverTls("im.client.ssl.trust-certificate=classpath:tls/im.crt").run(context -> {
            context.getBean(ImServerLifecycle.class).run();
            LoginResponse response = context.getBean(ImClientManager.class).login("secure", "tk", null)
                    .get(10, TimeUnit.SECONDS);
            assertThat(response.code()).isZero();
        });
    }

    @Test
    void embeddedClientsRefuseAServerTheyDoNotTrust() {
        clientAndServerOverTls().run(context -> {
            context.getBean(ImServerLifecycle.class).run();
            assertThatThrownBy(() -> context.getBean(ImClientManager.class).login("secure", "tk", null)
                    .get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ImClientException.class)
                    .hasMessageContaining("TLS handshake failed");
            assertThat(context.getBean(ImServer.class).onlineUsers()).isEmpty();
        });
    }

    @Test
    void missingTrustCertificateFailsNamingTheProperty() {
        clientAndServerOverTls("im.client.ssl.trust-certificate=classpath:tls/missing.crt")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("im.client.ssl.trust-certificate")
                        .hasMessageContaining("does not exist"));
    }

    private ApplicationContextRunner clientAndServerOverTls(String... clientProperties) {
        return runner.withConfiguration(AutoConfigurations.of(ImClientAutoConfiguration.class))
                .withPropertyValues("im.server.tcp.ssl.enabled=true",
                        "im.server.tcp.ssl.certificate=classpath:tls/im.crt",
                        "im.server.tcp.ssl.private-key=classpath:tls/im.key", "im.client.ssl.enabled=true",
                        "im.client.relogin.initial-delay=1s")
                .withPropertyValues(clientProperties);
    }

    private static SSLContext trusting(String certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = new ClassPathResource(certificate).getInputStream()) {
            trusted.setCertificateEntry("im", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
