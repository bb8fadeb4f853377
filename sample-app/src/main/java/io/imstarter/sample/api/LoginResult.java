package io.imstarter.sample.api;

import io.imstarter.protocol.LoginResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The server's real answer to an embedded client's login (its type 50), and the token that logged it in. */
@Schema(description = "The IM server's answer to the login, and the user's token")
record LoginResult(@Schema(example = "alice") String username,
        @Schema(description = "0 = accepted; otherwise the refusal code (1026 to 1029: the token login refused)",
                example = "0") int code,
        @Schema(description = "The server's firstLoginTime on success, -1 on refusal",
                example = "1795329045231") long firstLoginTime,
        @Schema(example = "true") boolean accepted,
        @Schema(example = "Logged in") String message,
        @Schema(description = "Send it as 'Authorization: Bearer <token>' to act as this user",
                example = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl") String token,
        @Schema(description = "When the token stops working") Instant expiresAt) {

    static LoginResult accepted(TokenResponse token, LoginResponse response) {
        return new LoginResult(token.username(), response.code(), response.firstLoginTime(), true, "Logged in",
                token.token(), token.expiresAt());
    }

    static LoginResult refused(TokenResponse token, int code, String message) {
        return new LoginResult(token.username(), code, -1, false, message, token.token(), token.expiresAt());
    }
}
