package io.imstarter.server;

/**
 * What a login does when its user already has a session on another connection (wire protocol section 6.3). The
 * same client instance reconnecting (equal {@code firstLoginTime}) always replaces its abandoned connection.
 */
public enum DuplicateLoginPolicy {

    /** MobileIMSDK's rule: the newest login wins by {@code firstLoginTime}; the older session gets 54 code 1. */
    NEWEST_WINS,

    /**
     * The session already logged in stays; the newcomer gets 50 code 0, then 54 code 1 with a reason, then a close,
     * and is never registered. A 54 rather than a refusal code, because stock clients stop re-login only on a 54.
     */
    REJECT_NEW,

    /**
     * At most one session per transport: a login on a transport the user has no session on is added beside the
     * others; a second login on the same transport follows {@link #NEWEST_WINS} against that transport's session
     * only. Messages to the user go to every session. Not available in a cluster.
     */
    ONE_PER_TRANSPORT
}
