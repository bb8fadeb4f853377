package io.imstarter.benchapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code bench.rs256-public-key} the deployed target takes RS256 tokens signed by the matching private key. */
@SpringBootTest(properties = {"im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0"})
class DeployedTargetRs256IT {

    @TempDir
    static Path dir;

    private static KeyPair keys;

    @DynamicPropertySource
    static void publicKey(DynamicPropertyRegistry registry) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        Path pem = dir.resolve("public.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("bench.rs256-public-key", pem::toString);
        registry.add("bench.data-dir", () -> dir.resolve("data").toString());
    }

    @Value("${local.im.server.tcp.port}")
    private int port;

    @Test
    void anRs256TokenForTheUserLogsItIn() throws Exception {
        NimbusJwtEncoder encoder = NimbusJwtEncoder
                .withKeyPair((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()).build();
        Instant now = Instant.now();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                JwtClaimsSet.builder().subject("rs-alice").issuedAt(now).expiresAt(now.plusSeconds(300)).build()))
                .getTokenValue();
        try (TcpWireClient client = new TcpWireClient(port, "rs-alice")) {
            assertThat(client.login(token)).isZero();
        }
        try (TcpWireClient client = new TcpWireClient(port, "rs-bob")) {
            assertThat(client.login(token)).isNotZero();
        }
    }
}
