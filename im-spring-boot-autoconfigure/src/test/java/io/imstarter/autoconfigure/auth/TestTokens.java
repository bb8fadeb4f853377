package io.imstarter.autoconfigure.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Signs login tokens at test time with Nimbus, as an application's login endpoint would. */
final class TestTokens {

    /** The secret the tests configure: 40 bytes, above the 32-byte minimum. */
    static final String SECRET = "test-secret-for-im-token-login-0123456789";

    /** A secret of the right length that the server does not know. */
    static final String OTHER_SECRET = "an-attackers-own-secret-of-enough-length-42";

    static final String AUDIENCE = "im-test";

    private final JwtEncoder encoder;

    private TestTokens(String secret) {
        this.encoder = NimbusJwtEncoder
                .withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).build();
    }

    static TestTokens signedWith(String secret) {
        return new TestTokens(secret);
    }

    /** A token naming {@code subject} for {@link #AUDIENCE}, expiring {@code expiresIn} from now (negative: past). */
    String token(String subject, Duration expiresIn) {
        return token(subject, AUDIENCE, expiresIn);
    }

    String token(String subject, String audience, Duration expiresIn) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().subject(subject).audience(List.of(audience))
                .issuedAt(now.minus(Duration.ofHours(1))).expiresAt(now.plus(expiresIn)).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    /** An unsigned token ({@code "alg":"none"}) naming {@code subject}: the classic signature bypass. */
    static String unsigned(String subject) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long exp = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(("{\"sub\":\"" + subject + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":" + exp
                        + "}").getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
