package io.imstarter.event;

/**
 * The server sent an embedded client an error packet (type 52).
 *
 * @param userId the user id of the embedded client
 * @param errorCode the error code
 * @param errorMsg the server's sentence naming the problem
 */
public record ImClientErrorResponseEvent(String userId, int errorCode, String errorMsg) implements ImEvent {
}
