package io.imstarter.sample.api;

import org.springframework.security.oauth2.jwt.Jwt;

/** The user a request's bearer token names: the only user that request may act as. */
final class Caller {

    private Caller() {
    }

    /**
     * The token's user when {@code requested} names it or is absent.
     *
     * @throws ApiException 403 when {@code requested} names another user
     */
    static String actingAs(Jwt token, String field, String requested) {
        String self = token.getSubject();
        if (requested != null && !requested.equals(self)) {
            throw ApiException.forbidden("Your token is for '" + self + "'; '" + field + "' may only name that user"
                    + " (or be left out), not '" + requested + "'");
        }
        return self;
    }
}
