package io.imstarter.server;

/** A server-to-client message could not be delivered; {@link #reason()} says why. */
public class S2CSendException extends RuntimeException {

    /** Why a server push failed. */
    public enum Reason {
        /** The user has no session. */
        OFFLINE,
        /** The packet exceeds the receiving transport's outbound limit. */
        TOO_LARGE,
        /** The socket write failed. */
        WRITE_FAILED,
        /** The QoS queue is full. */
        QUEUE_FULL,
        /** QoS ran out of retries without an ACK. */
        LOST,
        /** The server is not running. */
        NOT_RUNNING
    }

    private final Reason reason;
    private final String fingerprint;

    public S2CSendException(Reason reason, String fingerprint, String message) {
        super(message);
        this.reason = reason;
        this.fingerprint = fingerprint;
    }

    public Reason reason() {
        return reason;
    }

    /** The message's fingerprint, or null for a non-QoS message. */
    public String fingerprint() {
        return fingerprint;
    }
}
