package io.imstarter.sample.api;

import io.imstarter.receipt.UnreadCounts;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The caller's unread messages. */
@Schema(description = "Unread messages per conversation and in total, each capped at 'cap' for display")
record UnreadView(
        @Schema(description = "All conversations together, at most 'cap'", example = "7") int total,
        @Schema(description = "The cap of every count: a count equal to it means at least that many",
                example = "999") int cap,
        @Schema(description = "Conversations with unread messages: a peer's user id or a group's address, and its"
                + " count", example = "{\"alice\": 5, \"g:team\": 2}") Map<String, Integer> conversations) {

    static UnreadView of(UnreadCounts counts) {
        return new UnreadView(counts.total(), counts.cap(), counts.byConversation());
    }
}
