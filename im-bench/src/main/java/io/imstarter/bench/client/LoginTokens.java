package io.imstarter.bench.client;

import io.imstarter.bench.cli.Options;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * What a generated client presents as its login token: one fixed string for servers that do not check it, or a JWT
 * minted for each login as a real application's users would present: {@code sub} the user id, {@code iat} now and
 * {@code exp} a TTL later, signed HS256 with a shared secret or RS256 with a private key.
 */
public interface LoginTokens {

    /** The token the login of {@code userId} presents. */
    String tokenFor(String userId);

    /** What the report says about the tokens: "fixed", "HS256" or "RS256". */
    String kind();

    /**
     * From {@code --jwt-secret=...} (HS256, at least 32 bytes), {@code --jwt-key=private-key.pem} (RS256, PKCS#8)
     * with {@code --jwt-ttl}, or else the fixed {@code --token}.
     */
    static LoginTokens from(Options options) {
        Duration ttl = options.duration("jwt-ttl", Duration.ofHours(1), Duration.ofDays(7));
        String secret = options.string("jwt-secret", "");
        String keyFile = options.string("jwt-key", "");
        String fixed = options.string("token", "bench");
        if (!secret.isEmpty() && !keyFile.isEmpty()) {
            throw new IllegalArgumentException("--jwt-secret and --jwt-key exclude each other");
        }
        if (!secret.isEmpty()) {
            return hs256(secret, ttl);
        }
        if (!keyFile.isEmpty()) {
            return rs256(Path.of(keyFile), ttl);
        }
        return fixed(fixed);
    }

    static LoginTokens fixed(String token) {
        return new LoginTokens() {
            @Override
            public String tokenFor(String userId) {
                return token;
            }

            @Override
            public String kind() {
                return "fixed";
            }
        };
    }

    static LoginTokens hs256(String secret, Duration ttl) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalArgumentException("--jwt-secret must be at least 32 bytes for HS256, got " + key.length);
        }
        JwtEncoder encoder = NimbusJwtEncoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256")).build();
        return new MintedTokens(encoder, MacAlgorithm.HS256, ttl);
    }

    static LoginTokens rs256(Path privateKeyPem, Duration ttl) {
        RSAPrivateCrtKey privateKey;
        try (InputStream pem = Files.newInputStream(privateKeyPem)) {
            privateKey = (RSAPrivateCrtKey) RsaKeyConverters.pkcs8().convert(pem);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read --jwt-key " + privateKeyPem, ex);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("--jwt-key " + privateKeyPem + " is not a PKCS#8 RSA private key PEM: "
                    + ex.getMessage(), ex);
        }
        RSAPublicKey publicKey;
        try {
            publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("The JVM cannot make RSA keys", ex);
        }
        JwtEncoder encoder = NimbusJwtEncoder.withKeyPair(publicKey, privateKey).build();
        return new MintedTokens(encoder, SignatureAlgorithm.RS256, ttl);
    }

    /** A fresh JWT per login. */
    record MintedTokens(JwtEncoder encoder, JwsAlgorithm algorithm, Duration ttl) implements LoginTokens {

        @Override
        public String tokenFor(String userId) {
            Instant now = Instant.now();
            JwtClaimsSet claims = JwtClaimsSet.builder().subject(userId).issuedAt(now).expiresAt(now.plus(ttl)).build();
            return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(algorithm).build(), claims))
                    .getTokenValue();
        }

        @Override
        public String kind() {
            return algorithm.getName();
        }
    }
}
