package io.imstarter.event;

/**
 * An embedded client's login (first or automatic re-login) was answered.
 *
 * @param userId the user id of the embedded client
 * @param code 0 when accepted, otherwise the refusal code
 * @param firstLoginTime on success the value the client keeps, on refusal -1
 * @param server the server that answered, as {@code host:port}; after a failover not the one before
 */
public record ImClientLoginResultEvent(String userId, int code, long firstLoginTime, String server)
        implements ImEvent {

    public boolean accepted() {
        return code == 0;
    }
}
