package io.imstarter.sample.api;

import io.imstarter.store.StoredMessage;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One message of a conversation page, as the store keeps it. */
@Schema(description = "A message of the conversation")
record HistoryMessage(
        @Schema(description = "Its position in the store: pass the last one's as 'before' for older messages",
                example = "4711") long id,
        @Schema(example = "alice") String from, @Schema(example = "bob") String to,
        @Schema(description = "The sender's message id (fp on the wire); the chat page de-duplicates by it",
                example = "f44b59ea-1c3d-4e4f-9a0b-2c3d4e5f6a7b") String fingerprint,
        @Schema(example = "hello bob") String content, @Schema(example = "-1") int typeu,
        @Schema(description = "When the server stored it") Instant acceptedAt,
        @Schema(description = "Whether the receiver acknowledged it; false while it waits for the receiver's login",
                example = "true") boolean delivered) {

    static HistoryMessage of(StoredMessage stored) {
        return new HistoryMessage(stored.id(), stored.sender(), stored.receiver(), stored.fp(), stored.content(),
                stored.typeu(), Instant.ofEpochMilli(stored.acceptedAt()), stored.delivered());
    }
}
