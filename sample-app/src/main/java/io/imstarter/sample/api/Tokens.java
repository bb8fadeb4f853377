package io.imstarter.sample.api;

import io.imstarter.autoconfigure.auth.ImTokenIssuer;
import io.imstarter.sample.users.SignIn;
import io.imstarter.sample.users.UserAccounts;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/** Signs a user in (or registers a new name) and issues the token the IM server's token login accepts. */
@Component
class Tokens {

    private final UserAccounts accounts;
    private final ImTokenIssuer issuer;

    Tokens(UserAccounts accounts, ImTokenIssuer issuer) {
        this.accounts = accounts;
        this.issuer = issuer;
    }

    /** A token for valid credentials; 401 for a wrong password, 400 or 403 when a new name cannot register. */
    TokenResponse issue(Credentials credentials) {
        credentials.validate();
        SignIn signIn = accounts.signIn(credentials.username(), credentials.password());
        Jwt token = issuer.issue(signIn.username());
        return new TokenResponse(signIn.username(), signIn.role(), signIn.registered(), token.getTokenValue(),
                "Bearer", token.getExpiresAt());
    }
}
