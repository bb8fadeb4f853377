package io.imstarter.sample.api;

import io.imstarter.sample.users.Role;
import org.springframework.security.core.Authentication;
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

    static boolean isAdmin(Authentication caller) {
        return caller.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + Role.ADMIN.name()).equals(authority.getAuthority()));
    }

    /**
     * Lets the caller read {@code owner}'s data when it is the caller's own or the caller is an admin.
     *
     * @throws ApiException 403 otherwise
     */
    static void mayRead(Authentication caller, String field, String owner) {
        if (!isAdmin(caller) && !owner.equals(caller.getName())) {
            throw ApiException.forbidden("Your token is for '" + caller.getName() + "'; '" + field + "' may only"
                    + " name that user (the ADMIN role may read anyone's), not '" + owner + "'");
        }
    }
}
