package io.imstarter.event;

/**
 * The server kicked an embedded client; it will not re-login.
 *
 * @param userId the user id of the embedded client
 * @param code 1 for a duplicate login, 2 when kicked by the application
 * @param reason the application's reason, may be null
 */
public record ImClientKickedEvent(String userId, int code, String reason) implements ImEvent {
}
