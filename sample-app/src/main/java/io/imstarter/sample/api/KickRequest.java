package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Fields of {@code POST /api/kick}: a JSON body, a form or query parameters ({@link JsonOrParams}). */
@Schema(description = "An online user to disconnect; the client gets a kick-out (type 54, code 2) and no re-login")
record KickRequest(
        @Schema(example = "bob", requiredMode = Schema.RequiredMode.REQUIRED) String userId,
        @Schema(description = "Shown to the client; optional, at most 200 characters",
                example = "Kicked by the administrator") String reason) {

    static final int MAX_REASON_LENGTH = 200;

    void validate() {
        new FieldChecks().userId("userId", userId).maxLength("reason", reason, MAX_REASON_LENGTH).validate();
    }
}
