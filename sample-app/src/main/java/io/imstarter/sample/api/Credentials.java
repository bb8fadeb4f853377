package io.imstarter.sample.api;

import io.imstarter.sample.users.UserAccounts;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;

/**
 * Fields of {@code POST /api/token} and {@code POST /api/loginConnect}: a JSON body, a form or query parameters
 * ({@link JsonOrParams}).
 */
@Schema(description = "A user name and its password; the first login of a new name registers it")
record Credentials(
        @Schema(description = "User id; not \"0\" or \"-1\", at most 64 characters", example = "alice",
                requiredMode = Schema.RequiredMode.REQUIRED) String username,
        @Schema(description = "The user's password. A new name is registered with it, so it needs at least "
                + UserAccounts.MIN_NEW_PASSWORD_LENGTH + " characters then; later logins must match it",
                example = "alice-secret", requiredMode = Schema.RequiredMode.REQUIRED) String password) {

    /** BCrypt reads at most 72 bytes; a longer password would be cut silently, so it is refused instead. */
    static final int MAX_PASSWORD_BYTES = 72;

    void validate() {
        FieldChecks checks = new FieldChecks().userId("username", username).present("password", password);
        if (password != null && password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            checks.reject("password", "must be at most " + MAX_PASSWORD_BYTES + " bytes of UTF-8");
        }
        checks.validate();
    }
}
