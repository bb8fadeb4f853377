package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;

/** Fields of {@code POST /api/kick}: a JSON body, a form or query parameters ({@link JsonOrParams}). */
@Schema(description = "An online user to disconnect; the client gets a kick-out (type 54, code 2), and the tokens"
        + " issued to it so far stop working")
record KickRequest(
        @Schema(example = "bob", requiredMode = Schema.RequiredMode.REQUIRED) String userId,
        @Schema(description = "Shown to the client; optional, at most 200 characters",
                example = "Kicked by the administrator") String reason,
        @Schema(description = "Refuse every login of the user for this many seconds (0 to 2592000, 30 days),"
                + " whatever token it presents, on every node; optional, 0 when left out",
                example = "600") Long refuseLoginsForSeconds) {

    static final int MAX_REASON_LENGTH = 200;

    static final long MAX_REFUSE_SECONDS = Duration.ofDays(30).toSeconds();

    void validate() {
        FieldChecks checks = new FieldChecks().userId("userId", userId).maxLength("reason", reason,
                MAX_REASON_LENGTH);
        if (refuseLoginsForSeconds != null && (refuseLoginsForSeconds < 0
                || refuseLoginsForSeconds > MAX_REFUSE_SECONDS)) {
            checks.reject("refuseLoginsForSeconds", "must be 0 to " + MAX_REFUSE_SECONDS + ", got "
                    + refuseLoginsForSeconds);
        }
        checks.validate();
    }

    Duration refuseLoginsFor() {
        return Duration.ofSeconds(refuseLoginsForSeconds == null ? 0 : refuseLoginsForSeconds);
    }
}
