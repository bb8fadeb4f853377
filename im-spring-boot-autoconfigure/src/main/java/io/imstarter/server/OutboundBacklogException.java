package io.imstarter.server;

/**
 * A packet was not queued because its connection already holds as many unsent bytes as the server allows
 * ({@code outbound.max-pending}), or the shared UDP channel is full: the peer does not read as fast as the server
 * writes.
 */
public class OutboundBacklogException extends RuntimeException {

    public OutboundBacklogException(String message) {
        super(message);
    }
}
