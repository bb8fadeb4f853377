package io.imstarter.server;

/** Why a session was ended by the server (wire protocol section 6.3). */
public enum KickReason {
    /** A newer login of the same user took over; the old connection got 54 code 1. */
    DUPLICATE_LOGIN,
    /** The same client instance reconnected; the old connection was closed without a 54. */
    REPLACED,
    /** An older client instance tried to log in; it got 54 code 1 and was never registered. */
    STALE_LOGIN,
    /** The user was logged in elsewhere and the duplicate-login policy is reject-new; the newcomer got 54 code 1. */
    REJECTED_DUPLICATE,
    /** The application kicked the user; 54 code 2. */
    ADMIN
}
