package io.imstarter.event;

/**
 * An embedded client's link to the server was lost or closed.
 *
 * @param userId the user id of the embedded client
 * @param code the reason, 201 for a broken link
 */
public record ImClientLinkClosedEvent(String userId, int code) implements ImEvent {
}
