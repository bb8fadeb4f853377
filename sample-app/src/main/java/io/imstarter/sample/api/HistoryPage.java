package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of a conversation, newest first, and where the next (older) page starts. */
@Schema(description = "A page of the conversation between 'user' and 'peer', both directions, newest first")
record HistoryPage(@Schema(example = "alice") String user, @Schema(example = "bob") String peer,
        List<HistoryMessage> messages,
        @Schema(description = "Pass as 'before' for the next, older page; null when there are no older messages",
                example = "4711", nullable = true) Long nextBefore) {
}
