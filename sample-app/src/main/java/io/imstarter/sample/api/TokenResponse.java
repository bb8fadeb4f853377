package io.imstarter.sample.api;

import io.imstarter.sample.users.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A signed token for the REST API ({@code Authorization: Bearer}) and the IM login ({@code loginToken}). */
@Schema(description = "A signed JWT: send it as 'Authorization: Bearer <token>' and as the IM login's loginToken")
record TokenResponse(@Schema(example = "alice") String username,
        @Schema(example = "USER") Role role,
        @Schema(description = "Whether this login registered the name", example = "false") boolean registered,
        @Schema(example = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl") String token,
        @Schema(example = "Bearer") String tokenType,
        @Schema(description = "When the token stops working (im.server.auth.jwt.token-ttl after issue)")
        Instant expiresAt) {
}
