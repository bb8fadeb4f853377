package io.imstarter.autoconfigure.auth;

/**
 * The login refusal codes of the built-in token login, sent as {@code code} of the type 50 answer (wire protocol
 * section 6.1). Codes from 1025 are the application's; these take 1026 to 1030, so 1025 stays free.
 */
public enum TokenRefusal {

    /** Not a JWT, a bad or missing signature, a wrong issuer or audience, or not valid yet ({@code nbf}). */
    INVALID(1026),

    /** The token expired longer ago than the allowed clock skew. */
    EXPIRED(1027),

    /** The token is genuine but names another user (or none) in its user id claim. */
    OTHER_USER(1028),

    /** The login carried no token. */
    MISSING(1029),

    /**
     * The token was issued before the user's tokens were revoked ({@code ImServer.kick}, {@code revokeTokens}), in
     * the same second, or without an {@code iat} claim while a revocation is held.
     */
    REVOKED(1030);

    private final int code;

    TokenRefusal(int code) {
        this.code = code;
    }

    /** The code the client receives. */
    public int code() {
        return code;
    }
}
