package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Fields of {@code POST /api/logout}: a JSON body, a form or query parameters ({@link JsonOrParams}). */
@Schema(description = "The embedded client to log out: the token's user's own")
record LogoutRequest(@Schema(description = "The token's user; may be left out", example = "alice") String username) {

    void validate() {
        if (username != null) {
            new FieldChecks().userId("username", username).validate();
        }
    }
}
