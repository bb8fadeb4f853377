package io.imstarter.autoconfigure.auth;

/**
 * The login refusal codes of the built-in token login, sent as {@code code} of the type 50 answer (wire protocol
 * section 6.1). Codes from 1025 are the application's; these take 1026 to 1029, so 1025 stays free.
 */
public enum TokenRefusal {

    /** The token is not a well-formed JWT, its signature does not verify, or its issuer or audience is wrong. */
    INVALID(1026),

    /** The token has expired (or is not valid yet), beyond the allowed clock skew. */
    EXPIRED(1027),

    /** The token is genuine but names another user (or none) in its user id claim. */
    OTHER_USER(1028),

    /** The login carried no token. */
    MISSING(1029);

    private final int code;

    TokenRefusal(int code) {
        this.code = code;
    }

    /** The code the client receives. */
    public int code() {
        return code;
    }
}
