package io.imstarter.sample.im;

import io.imstarter.event.ImMessage;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A message an embedded client received, as {@code GET /api/messages/{username}} shows it.
 *
 * @param from the sender's user id ("0" for a server push)
 * @param to the receiving embedded client
 * @param content the message text
 * @param typeu the application sub-type the sender chose
 * @param fingerprint the message id, null for a message sent without QoS
 * @param receivedAt when the client handed it to the application
 */
@Schema(description = "A message an embedded client received")
public record ReceivedMessage(@Schema(example = "alice") String from, @Schema(example = "bob") String to,
        @Schema(example = "hello bob") String content, @Schema(example = "-1") int typeu,
        @Schema(example = "f44b59ea-1c3d-4e4f-9a0b-2c3d4e5f6a7b") String fingerprint, Instant receivedAt) {

    static ReceivedMessage of(ImMessage message, Instant receivedAt) {
        return new ReceivedMessage(message.fromUserId(), message.toUserId(), message.content(), message.typeu(),
                message.fp(), receivedAt);
    }
}
