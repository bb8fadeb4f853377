package io.imstarter.sample.api;

import io.imstarter.store.StoredGroupMessage;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A group message as the history answers it. */
@Schema(description = "A group message")
record GroupMessageView(
        @Schema(description = "The group", example = "team") String groupId,
        @Schema(description = "Its place in the group's order", example = "1") long seq,
        @Schema(description = "The member who sent it", example = "alice") String sender,
        @Schema(description = "The sender's fingerprint, also every copy's") String fingerprint,
        @Schema(description = "The text", example = "hello team") String content,
        @Schema(description = "The application sub-type") int typeu,
        @Schema(description = "When the server stored it") Instant acceptedAt) {

    static GroupMessageView of(StoredGroupMessage message) {
        return new GroupMessageView(message.groupId(), message.seq(), message.sender(), message.fp(),
                message.content(), message.typeu(), Instant.ofEpochMilli(message.acceptedAt()));
    }
}
