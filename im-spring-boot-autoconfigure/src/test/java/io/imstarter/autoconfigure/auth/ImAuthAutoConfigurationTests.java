package io.imstarter.autoconfigure.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.imstarter.autoconfigure.ImEventsAutoConfiguration;
import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Transport;
import io.imstarter.server.LoginRequest;
import io.imstarter.server.LoginVerifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Wiring of token login: when it turns on, what it backs off to, bad settings, remote keys and their timeouts. */
class ImAuthAutoConfigurationTests {

    private static final String KEY_ID = "issuer-key";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ImEventsAutoConfiguration.class,
                    ImServerAutoConfiguration.class, ImAuthAutoConfiguration.class))
            .withPropertyValues("im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0");

    @Test
    void secretTurnsOnTokenLoginAndTheIssuerWhoseTokensItAccepts() {
        runner.withPropertyValues("im.server.auth.jwt.secret=" + TestTokens.SECRET).run(context -> {
            assertThat(context).hasSingleBean(JwtDecoder.class).hasSingleBean(ImTokenIssuer.class);
            LoginVerifier verifier = context.getBean(LoginVerifier.class);
            assertThat(verifier).isInstanceOf(JwtLoginVerifier.class);
            String token = context.getBean(ImTokenIssuer.class).issue("alice").getTokenValue();
            assertThat(verifier.verify(login("alice", token))).isEqualTo(ErrorCode.OK);
            assertThat(verifier.verify(login("mallory", token))).isEqualTo(TokenRefusal.OTHER_USER.code());
            assertThat(verifier.neverBlocks()).as("a secret is held in memory: verified on the event loop").isTrue();
        });
    }

    @Test
    void withoutATokenSourceTheServerKeepsItsAllowAllDefault() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(JwtDecoder.class).doesNotHaveBean(ImTokenIssuer.class);
            assertThat(context.getBean(LoginVerifier.class)).isSameAs(LoginVerifier.ALLOW_ALL);
        });
    }

    @Test
    void switchTurnsTokenLoginOff() {
        runner.withPropertyValues("im.server.auth.jwt.secret=" + TestTokens.SECRET, "im.server.auth.enabled=false")
                .run(context -> assertThat(context.getBean(LoginVerifier.class)).isSameAs(LoginVerifier.ALLOW_ALL));
    }

    @Test
    void withoutTheServerThereIsNoVerifier() {
        runner.withPropertyValues("im.server.auth.jwt.secret=" + TestTokens.SECRET, "im.server.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LoginVerifier.class)
                        .doesNotHaveBean(JwtDecoder.class));
    }

    @Test
    void withoutSpringSecurityJoseTheSecretIsIgnored() {
        runner.withClassLoader(new FilteredClassLoader(JwtDecoder.class))
                .withPropertyValues("im.server.auth.jwt.secret=" + TestTokens.SECRET)
                .run(context -> assertThat(context.getBean(LoginVerifier.class)).isSameAs(LoginVerifier.ALLOW_ALL));
    }

    @Test
    void applicationsOwnLoginVerifierWins() {
        runner.withPropertyValues("im.server.auth.jwt.secret=" + TestTokens.SECRET)
                .withUserConfiguration(OwnVerifier.class)
                .run(context -> assertThat(context.getBean(LoginVerifier.class)).isSameAs(OwnVerifier.VERIFIER));
    }

    @Test
    void applicationsJwtDecoderIsReusedWithoutAnyImSetting() {
        runner.withUserConfiguration(OwnDecoder.class).run(context -> {
            assertThat(context).hasSingleBean(JwtDecoder.class).doesNotHaveBean(ImTokenIssuer.class);
            LoginVerifier verifier = context.getBean(LoginVerifier.class);
            String token = TestTokens.signedWith(TestTokens.OTHER_SECRET).token("bob", Duration.ofMinutes(5));
            assertThat(verifier.verify(login("bob", token))).isEqualTo(ErrorCode.OK);
            String ours = TestTokens.signedWith(TestTokens.SECRET).token("bob", Duration.ofMinutes(5));
            assertThat(verifier.verify(login("bob", ours))).isEqualTo(TokenRefusal.INVALID.code());
            assertThat(verifier.neverBlocks()).as("an application's decoder may fetch keys").isFalse();
        });
    }

    @Test
    void applicationsJwtDecoderWinsOverTheSecret() {
        runner.withUserConfiguration(OwnDecoder.class)
                .withPropertyValues("im.server.auth.jwt.secret=" + TestTokens.SECRET)
                .run(context -> {
                    assertThat(context.getBean(JwtDecoder.class)).isSameAs(OwnDecoder.DECODER);
                    assertThat(context.getBean(LoginVerifier.class).neverBlocks()).isFalse();
                });
    }

    @Test
    void secretShorterThan256BitsFailsStartupWithoutShowingIt() {
        String shortSecret = "only-31-bytes-of-secret-xxxxxxx";
        runner.withPropertyValues("im.server.auth.jwt.secret=" + shortSecret).run(context -> assertThat(context)
                .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("im.server.auth.jwt.secret")
                .hasMessageContaining("at least 256 bits (32 bytes of UTF-8); this one has 31 bytes")
                .hasMessageNotContaining(shortSecret));
    }

    @Test
    void secretAndJwkSetUriTogetherFailStartup() {
        runner.withPropertyValues("im.server.auth.jwt.secret=" + TestTokens.SECRET,
                "im.server.auth.jwt.jwk-set-uri=http://127.0.0.1:1/jwks").run(context -> assertThat(context)
                .getFailure().rootCause().isInstanceOf(MutuallyExclusiveConfigurationPropertiesException.class));
    }

    @Test
    void userIdClaimNamesTheClaimTheIssuerWritesAndTheVerifierReads() {
        runner.withPropertyValues("im.server.auth.jwt.secret=" + TestTokens.SECRET,
                "im.server.auth.jwt.user-id-claim=uid").run(context -> {
            String token = context.getBean(ImTokenIssuer.class).issue("carol").getTokenValue();
            assertThat(context.getBean(JwtDecoder.class).decode(token).getClaimAsString("uid")).isEqualTo("carol");
            assertThat(context.getBean(LoginVerifier.class).verify(login("carol", token))).isZero();
        });
    }

    @Test
    void jwkSetUriVerifiesTokensSignedByTheIssuersKey() throws Exception {
        KeyPair issuerKeys = rsaKeys();
        HttpServer jwks = jwkSetServer(issuerKeys);
        try {
            runner.withPropertyValues("im.server.auth.jwt.jwk-set-uri=" + base(jwks) + "/jwks").run(context -> {
                LoginVerifier verifier = context.getBean(LoginVerifier.class);
                assertThat(verifier.verify(login("dave", rs256("dave", issuerKeys)))).isZero();
                assertThat(verifier.verify(login("dave", rs256("dave", rsaKeys()))))
                        .isEqualTo(TokenRefusal.INVALID.code());
                assertThat(verifier.neverBlocks()).as("keys are fetched from the JWK set").isFalse();
            });
        }
        finally {
            jwks.stop(0);
        }
    }

    @Test
    void issuerUriDiscoversTheKeysAndRequiresTheIssuer() throws Exception {
        KeyPair issuerKeys = rsaKeys();
        HttpServer issuer = jwkSetServer(issuerKeys);
        String issuerUri = base(issuer);
        issuer.createContext("/.well-known/openid-configuration", exchange -> respond(exchange,
                "{\"issuer\":\"" + issuerUri + "\",\"jwks_uri\":\"" + issuerUri + "/jwks\"}"));
        try {
            runner.withPropertyValues("im.server.auth.jwt.issuer-uri=" + issuerUri).run(context -> {
                LoginVerifier verifier = context.getBean(LoginVerifier.class);
                assertThat(verifier.verify(login("erin", rs256("erin", issuerUri, issuerKeys)))).isZero();
                assertThat(verifier.verify(login("erin", rs256("erin", "https://elsewhere", issuerKeys))))
                        .isEqualTo(TokenRefusal.INVALID.code());
            });
        }
        finally {
            issuer.stop(0);
        }
    }

    @ParameterizedTest(name = "a silent server at {0} fails the login within jwk-set-timeout")
    @ValueSource(strings = { "jwk-set-uri", "issuer-uri" })
    void silentKeyServerFailsTheLoginWithinTheTimeout(String property) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String uri = "http://127.0.0.1:" + silent.getLocalPort();
            runner.withPropertyValues("im.server.auth.jwt." + property + "=" + uri,
                    "im.server.auth.jwt.jwk-set-timeout=300ms").run(context -> {
                LoginVerifier verifier = context.getBean(LoginVerifier.class);
                String token = rs256("frank", uri, rsaKeys());
                assertTimeoutPreemptively(Duration.ofSeconds(3), () -> assertThatExceptionOfType(RuntimeException.class)
                        .isThrownBy(() -> verifier.verify(login("frank", token))));
            });
        }
    }

    private static LoginRequest login(String userId, String token) {
        return new LoginRequest(userId, token, null, Transport.TCP, new InetSocketAddress("127.0.0.1", 40000));
    }

    private static KeyPair rsaKeys() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String rs256(String subject, KeyPair keys) {
        return rs256(subject, null, keys);
    }

    private static String rs256(String subject, String issuer, KeyPair keys) {
        NimbusJwtEncoder encoder = NimbusJwtEncoder
                .withKeyPair((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate())
                .jwkPostProcessor(key -> key.keyID(KEY_ID)).build();
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject(subject).issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(5)));
        if (issuer != null) {
            claims.issuer(issuer);
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                claims.build())).getTokenValue();
    }

    /** An HTTP server on 127.0.0.1 serving the public half of {@code keys} as a JWK set at {@code /jwks}. */
    private static HttpServer jwkSetServer(KeyPair keys) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String jwkSet = new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(KEY_ID).build()).toString();
        server.createContext("/jwks", exchange -> respond(exchange, jwkSet));
        server.start();
        return server;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String base(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnVerifier {

        static final LoginVerifier VERIFIER = request -> 1025;

        @Bean
        LoginVerifier ownLoginVerifier() {
            return VERIFIER;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDecoder {

        static final JwtDecoder DECODER = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(
                TestTokens.OTHER_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).build();

        @Bean
        JwtDecoder resourceServerJwtDecoder() {
            return DECODER;
        }
    }
}
