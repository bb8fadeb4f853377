package io.imstarter.sample.users;

/** What a user may do through the REST API; stored in the {@code role} column. */
public enum Role {
    /** Acts as itself only: logs in, sends, reads its own inbox. */
    USER,
    /** Also operates the server: online list with addresses, push, kick, all embedded clients, Actuator. */
    ADMIN
}
