package io.imstarter.bench.scenario;

import static io.imstarter.bench.scenario.TestServers.number;
import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.report.RunReport;
import io.imstarter.bench.server.BenchServer;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The generator logs in as real users do: a token per user that the server's token login checks. */
class TokenLoginStormTest {

    private static final String SECRET = "bench-secret-bench-secret-bench-secret";

    @Test
    void everyLoginPresentsItsOwnHs256TokenAndTheTokenLoginAcceptsIt() throws Exception {
        ImServer server = startWithTokenLogin(SECRET);
        try {
            RunReport report = loginStorm(server, "jwt-secret", SECRET);

            assertThat(report.get("login_tokens")).isEqualTo("HS256");
            assertThat(number(report.get("succeeded"))).as(report::toJson).isEqualTo(30);
            assertThat(number(report.get("failed"))).as(report::toJson).isZero();
        }
        finally {
            server.stop();
        }
    }

    @Test
    void theFixedTokenOfTheAllowAllRunsIsRefusedByTokenLogin() throws Exception {
        ImServer server = startWithTokenLogin(SECRET);
        try {
            RunReport report = loginStorm(server, "token", "bench");

            assertThat(report.get("login_tokens")).isEqualTo("fixed");
            assertThat(number(report.get("succeeded"))).as(report::toJson).isZero();
            assertThat(number(report.get("failed"))).as(report::toJson).isEqualTo(30);
        }
        finally {
            server.stop();
        }
    }

    @Test
    void rs256TokensAreSignedWithThePrivateKeyFromAPkcs8Pem(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path pem = dir.resolve("key.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        String token = io.imstarter.bench.client.LoginTokens.rs256(pem, java.time.Duration.ofMinutes(5))
                .tokenFor("alice");

        org.springframework.security.oauth2.jwt.Jwt jwt = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build().decode(token);
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getIssuedAt()).isNotNull();
        assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
    }

    private static ImServer startWithTokenLogin(String secret) {
        ImServer server = BenchServer.create(TestServers.options("jwt-secret", secret), 0, 0, 0);
        server.start();
        return server;
    }

    private static RunReport loginStorm(ImServer server, String tokenOption, String value) throws Exception {
        Options options = TestServers.options("port", Integer.toString(server.port(Transport.TCP)),
                "logins", "30", "concurrency", "4", "warmup-logins", "0", tokenOption, value);
        return new LoginStormScenario(GeneratorSettings.from(options), options).run();
    }
}
