package io.imstarter.autoconfigure.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Makes login tokens that the built-in token login accepts: HS256 with {@code im.server.auth.jwt.secret}, the user
 * id in the user id claim, and the configured issuer and audience. For applications that log their users in (over
 * HTTP, say) and hand the token to an IM client.
 */
public final class ImTokenIssuer {

    private final JwtEncoder encoder;

    private final String userIdClaim;

    private final String issuer;

    private final List<String> audience;

    private final Duration ttl;

    private final Clock clock;

    ImTokenIssuer(JwtEncoder encoder, ImAuthProperties.Jwt jwt, Clock clock) {
        this.encoder = encoder;
        this.userIdClaim = jwt.getUserIdClaim();
        this.issuer = jwt.getIssuerUri();
        this.audience = List.copyOf(jwt.getAudience());
        this.ttl = jwt.getTokenTtl();
        this.clock = clock;
    }

    /** A token for {@code userId} valid for {@code im.server.auth.jwt.token-ttl}; {@link Jwt#getTokenValue()} is it. */
    public Jwt issue(String userId) {
        return issue(userId, ttl);
    }

    /** A token for {@code userId} valid for {@code lifetime} from now. */
    public Jwt issue(String userId, Duration lifetime) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject(userId).claim(userIdClaim, userId)
                .issuedAt(now).expiresAt(now.plus(lifetime));
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (!audience.isEmpty()) {
            claims.audience(audience);
        }
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build()));
    }
}
