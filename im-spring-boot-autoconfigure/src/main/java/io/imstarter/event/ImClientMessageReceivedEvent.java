package io.imstarter.event;

/**
 * A message arrived at an embedded client (after its ACK was sent and duplicates were dropped).
 *
 * @param userId the user id of the embedded client
 * @param message the message
 */
public record ImClientMessageReceivedEvent(String userId, ImMessage message) implements ImEvent {
}
