package io.imstarter.autoconfigure.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token login to the IM server. Setting one of {@code jwt.secret}, {@code jwt.jwk-set-uri} or {@code jwt.issuer-uri}
 * (or defining a {@code JwtDecoder} bean) makes every login present a JWT for its {@code loginUserId}.
 */
@ConfigurationProperties("im.server.auth")
public class ImAuthProperties {

    /** Whether to verify login tokens when a token source is configured. */
    private boolean enabled = true;

    private final Jwt jwt = new Jwt();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Jwt getJwt() {
        return jwt;
    }

    /** Where login tokens come from and what they must say. */
    public static class Jwt {

        /** Shared HMAC secret (HS256, at least 32 bytes of UTF-8) that signs login tokens. */
        private String secret;

        /** JSON Web Key Set URI of the issuer whose keys sign login tokens. */
        private String jwkSetUri;

        /** Issuer that login tokens must name; alone, also where the JWK set is discovered (OpenID discovery). */
        private String issuerUri;

        /** Audiences of which a login token must name at least one; empty accepts any audience. */
        private List<String> audience = new ArrayList<>();

        /** Clock difference tolerated when checking a token's expiry and not-before times. */
        private Duration clockSkew = Duration.ofSeconds(30);

        /** Claim that must equal the loginUserId. */
        private String userIdClaim = "sub";

        /** Connect and read timeout of each fetch of the JWK set or the issuer's discovery document. */
        private Duration jwkSetTimeout = Duration.ofSeconds(2);

        /** Lifetime of the tokens made by the ImTokenIssuer bean. */
        private Duration tokenTtl = Duration.ofHours(1);

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public String getJwkSetUri() {
            return jwkSetUri;
        }

        public void setJwkSetUri(String jwkSetUri) {
            this.jwkSetUri = jwkSetUri;
        }

        public String getIssuerUri() {
            return issuerUri;
        }

        public void setIssuerUri(String issuerUri) {
            this.issuerUri = issuerUri;
        }

        public List<String> getAudience() {
            return audience;
        }

        public void setAudience(List<String> audience) {
            this.audience = audience;
        }

        public Duration getClockSkew() {
            return clockSkew;
        }

        public void setClockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
        }

        public String getUserIdClaim() {
            return userIdClaim;
        }

        public void setUserIdClaim(String userIdClaim) {
            this.userIdClaim = userIdClaim;
        }

        public Duration getJwkSetTimeout() {
            return jwkSetTimeout;
        }

        public void setJwkSetTimeout(Duration jwkSetTimeout) {
            this.jwkSetTimeout = jwkSetTimeout;
        }

        public Duration getTokenTtl() {
            return tokenTtl;
        }

        public void setTokenTtl(Duration tokenTtl) {
            this.tokenTtl = tokenTtl;
        }
    }
}
