package io.imstarter.sample.api;

import io.imstarter.client.ClientState;
import io.swagger.v3.oas.annotations.media.Schema;

/** One embedded client and its state. */
@Schema(description = "An embedded client and its state")
record ClientView(@Schema(example = "alice") String username, @Schema(example = "LOGGED_IN") ClientState state) {
}
