package io.imstarter.autoconfigure.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.web.client.RestTemplate;

/** Builds the login token decoder and the HMAC key from {@code im.server.auth.jwt.*}. */
final class LoginJwtDecoders {

    /** HS256 needs a key as long as its hash (RFC 7518 section 3.2). */
    static final int MIN_SECRET_BYTES = 32;

    private static final String SECRET = "im.server.auth.jwt.secret";

    private static final String JWK_SET_URI = "im.server.auth.jwt.jwk-set-uri";

    private LoginJwtDecoders() {
    }

    /**
     * A decoder for the configured key source: the secret, the JWK set URI, or discovery from the issuer URI. The
     * remote ones fetch on the first login, not at startup (an issuer that is down must not stop the application),
     * with {@code jwk-set-timeout} per request; a failed discovery is retried at the next login.
     */
    static JwtDecoder create(ImAuthProperties.Jwt jwt) {
        MutuallyExclusiveConfigurationPropertiesException.throwIfMultipleNonNullValuesIn(entries -> {
            entries.put(SECRET, jwt.getSecret());
            entries.put(JWK_SET_URI, jwt.getJwkSetUri());
        });
        if (jwt.getSecret() != null) {
            return validating(NimbusJwtDecoder.withSecretKey(secretKey(jwt)).build(), jwt);
        }
        if (jwt.getJwkSetUri() != null) {
            return validating(NimbusJwtDecoder.withJwkSetUri(jwt.getJwkSetUri()).restOperations(restWithTimeouts(jwt))
                    .build(), jwt);
        }
        return new SupplierJwtDecoder(() -> validating(NimbusJwtDecoder.withIssuerLocation(jwt.getIssuerUri())
                .restOperations(restWithTimeouts(jwt)).build(), jwt));
    }

    /** The HMAC-SHA256 key made of the secret's UTF-8 bytes; fails when it is too short to be safe. */
    static SecretKey secretKey(ImAuthProperties.Jwt jwt) {
        byte[] bytes = jwt.getSecret().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new InvalidConfigurationPropertyValueException(SECRET, "(hidden)",
                    "HS256 needs a secret of at least 256 bits (" + MIN_SECRET_BYTES + " bytes of UTF-8); this one has "
                            + bytes.length + " bytes");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** Replaces Nimbus's default checks: expiry required, the configured skew, issuer and audience. */
    private static NimbusJwtDecoder validating(NimbusJwtDecoder decoder, ImAuthProperties.Jwt jwt) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(jwt.getClockSkew());
        timestamps.setAllowEmptyExpiryClaim(false);
        validators.add(timestamps);
        if (jwt.getIssuerUri() != null) {
            validators.add(new JwtIssuerValidator(jwt.getIssuerUri()));
        }
        List<String> audience = jwt.getAudience();
        if (!audience.isEmpty()) {
            validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                    named -> named != null && !Collections.disjoint(named, audience)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static RestTemplate restWithTimeouts(ImAuthProperties.Jwt jwt) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(jwt.getJwkSetTimeout());
        requests.setReadTimeout(jwt.getJwkSetTimeout());
        return new RestTemplate(requests);
    }
}
