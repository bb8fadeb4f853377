package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Fields of {@code POST /api/logout}: a JSON body, a form or query parameters ({@link JsonOrParams}). */
@Schema(description = "The embedded client to log out")
record LogoutRequest(@Schema(example = "alice", requiredMode = Schema.RequiredMode.REQUIRED) String username) {

    void validate() {
        new FieldChecks().userId("username", username).validate();
    }
}
