package io.imstarter.client;

import io.imstarter.protocol.ErrorCode;

/**
 * What a client's link state machine and its message path share: the state, the user id and the current link. Only
 * {@link LinkStateMachine} changes them, holding this object's monitor; {@link MessagePath} takes the same monitor
 * where its decision must not race a login finishing (a send queued just after the queue was flushed would wait for
 * nobody). Package-private, so that no application code can hold the monitor while an event loop waits for it.
 */
final class ClientSession {

    private volatile ClientState state = ClientState.DISCONNECTED;
    private volatile String userId;
    /** Guarded by this. */
    private Link link;

    ClientState state() {
        return state;
    }

    /** Caller holds the monitor. */
    void state(ClientState next) {
        state = next;
    }

    /** The user id of the last login call, or null before one. */
    String userId() {
        return userId;
    }

    /** Caller holds the monitor. */
    void userId(String next) {
        userId = next;
    }

    /** The current link (being set up, logged in, or null); caller holds the monitor. */
    Link link() {
        return link;
    }

    /** Caller holds the monitor. */
    void link(Link next) {
        link = next;
    }

    /** Whether events of {@code candidate} still count: it is the current link. */
    synchronized boolean isCurrent(Link candidate) {
        return candidate == link;
    }

    /** The link messages and ACKs go to: the current one while logged in, else null. */
    synchronized Link loggedInLink() {
        return state == ClientState.LOGGED_IN ? link : null;
    }

    ImClientException closedError() {
        return new ImClientException(ErrorCode.CLIENT_NOT_INITIALIZED, "The client of " + userId + " is closed");
    }
}
