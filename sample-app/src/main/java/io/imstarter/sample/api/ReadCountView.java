package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** How many members read a group message. */
@Schema(description = "How many members read a group message")
record ReadCountView(
        @Schema(description = "The group", example = "team") String groupId,
        @Schema(description = "The message's sequence number", example = "1") long seq,
        @Schema(description = "Members other than the sender whose read pointer reached it", example = "3")
        long readBy) {
}
