package io.imstarter.server;

import io.imstarter.protocol.Transport;

/** A gateway could not bind; the message names the transport, address and port. */
public class ImServerStartException extends RuntimeException {

    private final Transport transport;
    private final int port;

    public ImServerStartException(Transport transport, String address, int port, Throwable cause) {
        super("IM " + transport + " gateway could not bind " + (address == null ? "*" : address) + ":" + port + ": "
                + (cause == null ? "unknown cause" : cause.getMessage()), cause);
        this.transport = transport;
        this.port = port;
    }

    public Transport transport() {
        return transport;
    }

    public int port() {
        return port;
    }
}
