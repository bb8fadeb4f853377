package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** The server's real answer to an embedded client's login (its type 50). */
@Schema(description = "The IM server's answer to the login")
record LoginResult(@Schema(example = "alice") String username,
        @Schema(description = "0 = accepted; otherwise the refusal code (1025 = demo password rule broken)",
                example = "0") int code,
        @Schema(description = "The server's firstLoginTime on success, -1 on refusal",
                example = "1795329045231") long firstLoginTime,
        @Schema(example = "true") boolean accepted,
        @Schema(example = "Logged in") String message) {
}
