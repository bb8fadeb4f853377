package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Fields of {@code POST /api/loginConnect}: a JSON body, a form or query parameters ({@link JsonOrParams}). */
@Schema(description = "Who logs in with an embedded client")
record LoginConnectRequest(
        @Schema(description = "User id to log in as; not \"0\" or \"-1\", at most 64 characters",
                example = "alice", requiredMode = Schema.RequiredMode.REQUIRED) String username,
        @Schema(description = "Sent as the login token. Demo rule: at least 4 characters, otherwise the server"
                + " refuses the login with code 1025", example = "secret",
                requiredMode = Schema.RequiredMode.REQUIRED) String password) {

    static final int MAX_PASSWORD_LENGTH = 256;

    void validate() {
        new FieldChecks().userId("username", username).present("password", password)
                .maxLength("password", password, MAX_PASSWORD_LENGTH).validate();
    }
}
