package io.imstarter.server;

/** Why a session ended without being kicked. */
public enum LogoutReason {
    /** The client sent type 3. */
    LOGOUT,
    /** No inbound traffic within the idle timeout. */
    IDLE_TIMEOUT,
    /** The transport closed or failed. */
    CONNECTION_CLOSED,
    /** The server closed it: it did not read what was written to it for {@code slow-consumer-timeout}. */
    SLOW_CONSUMER,
    /** The server closed it: it kept sending after {@code close-after-refused} packets had been refused (305). */
    FLOODING
}
