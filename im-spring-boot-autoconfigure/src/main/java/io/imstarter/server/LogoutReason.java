package io.imstarter.server;

/** Why a session ended without being kicked. */
public enum LogoutReason {
    /** The client sent type 3. */
    LOGOUT,
    /** No inbound traffic within the idle timeout. */
    IDLE_TIMEOUT,
    /** The transport closed or failed. */
    CONNECTION_CLOSED
}
