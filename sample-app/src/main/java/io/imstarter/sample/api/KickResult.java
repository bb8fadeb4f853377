package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The kicked user. */
@Schema(description = "The user that was kicked")
record KickResult(@Schema(example = "bob") String userId,
        @Schema(description = "Whether a session of the user was ended, on any node", example = "true") boolean kicked,
        @Schema(description = "Until when every login of the user is refused; absent without refuseLoginsForSeconds",
                example = "2026-12-07T21:10:00Z") Instant loginsRefusedUntil) {
}
