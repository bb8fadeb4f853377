package io.imstarter.autoconfigure.auth;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.server.LoginRequest;
import io.imstarter.server.LoginVerifier;
import io.imstarter.store.LoginRevocations;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Accepts a login whose {@code loginToken} is a JWT that the {@link JwtDecoder} accepts (signature, expiry and the
 * decoder's other checks), whose user id claim equals the {@code loginUserId} and that was issued after the user's
 * last revocation in the {@link LoginRevocations} (a kick, a password change); refuses the others with a
 * {@link TokenRefusal} code. The server logs refusals at a bounded rate; this class adds a DEBUG line with the reason,
 * never the token.
 *
 * <p>Runs on the server's decision executor, or on the connection's own thread when the decoder holds its keys and
 * the revocations are held in memory. A decoder that fetches keys may block, bounded by its HTTP timeouts; a failure
 * to get the keys ({@link JwtException} other than {@link BadJwtException}) propagates, so the server refuses with
 * code 2 and logs it as a server-side fault.
 */
public final class JwtLoginVerifier implements LoginVerifier {

    private static final Logger log = LoggerFactory.getLogger(JwtLoginVerifier.class);

    /** How Spring Security's {@code JwtTimestampValidator} describes an expired token. */
    private static final String EXPIRED_DESCRIPTION = "Jwt expired";

    /** Longest decoder message logged; decoder messages describe the token's structure, never quote it. */
    private static final int MAX_DETAIL = 200;

    private final JwtDecoder decoder;

    private final String userIdClaim;

    private final boolean decoderNeverBlocks;

    private final LoginRevocations revocations;

    /**
     * @param decoderNeverBlocks true when the decoder holds its keys (a shared secret, a public key) and never
     *        fetches them: logins are then verified on the connection's own thread, see
     *        {@link LoginVerifier#neverBlocks()}, when the revocations are held in memory too
     * @param revocations the server's own ({@code ImServer.Builder#loginRevocations}), so that its kicks hold
     */
    public JwtLoginVerifier(JwtDecoder decoder, String userIdClaim, boolean decoderNeverBlocks,
            LoginRevocations revocations) {
        this.decoder = decoder;
        this.userIdClaim = userIdClaim;
        this.decoderNeverBlocks = decoderNeverBlocks;
        this.revocations = revocations;
    }

    @Override
    public boolean neverBlocks() {
        return decoderNeverBlocks && revocations.neverBlocks();
    }

    @Override
    public int verify(LoginRequest request) {
        String token = request.token();
        if (token == null || token.isBlank()) {
            return refuse(request, TokenRefusal.MISSING, "the login carries no token");
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        }
        catch (JwtValidationException ex) {
            boolean expired = ex.getErrors().stream().map(OAuth2Error::getDescription)
                    .anyMatch(description -> description != null && description.startsWith(EXPIRED_DESCRIPTION));
            return refuse(request, expired ? TokenRefusal.EXPIRED : TokenRefusal.INVALID, describe(ex));
        }
        catch (BadJwtException ex) {
            return refuse(request, TokenRefusal.INVALID, shorten(ex.getMessage()));
        }
        String named = jwt.getClaimAsString(userIdClaim);
        if (!request.userId().equals(named)) {
            return refuse(request, TokenRefusal.OTHER_USER, named == null ? "the token has no " + userIdClaim
                    + " claim" : "the token's " + userIdClaim + " is " + shorten(named));
        }
        if (revocations.find(named).filter(revocation -> revocation.voids(jwt.getIssuedAt())).isPresent()) {
            return refuse(request, TokenRefusal.REVOKED, "the token was issued at " + jwt.getIssuedAt()
                    + ", not after the user's tokens were revoked");
        }
        return ErrorCode.OK;
    }

    private static int refuse(LoginRequest request, TokenRefusal refusal, String reason) {
        log.debug("IM login of {} from {} over {} refused with {} ({}): {}", request.userId(), request.remoteAddress(),
                request.transport(), refusal.code(), refusal, reason);
        return refusal.code();
    }

    private static String describe(JwtValidationException ex) {
        return shorten(ex.getErrors().stream().map(OAuth2Error::getDescription).collect(Collectors.joining("; ")));
    }

    private static String shorten(String text) {
        return text == null || text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }
}
