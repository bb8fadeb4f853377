package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** The kicked user. */
@Schema(description = "The user that was kicked")
record KickResult(@Schema(example = "bob") String userId, @Schema(example = "true") boolean kicked) {
}
