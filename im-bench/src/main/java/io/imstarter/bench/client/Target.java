package io.imstarter.bench.client;

import io.imstarter.protocol.Transport;
import java.net.URI;

/**
 * Where the load goes: any host and port speaking the wire protocol, ours or another compatible server.
 *
 * @param host the server host
 * @param port the server port for {@code transport}
 * @param transport TCP, UDP or WebSocket
 * @param wsPath the WebSocket upgrade path
 */
public record Target(String host, int port, Transport transport, String wsPath) {

    public Target {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("The target host must be set");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The target port must be between 1 and 65535, got " + port);
        }
    }

    public URI webSocketUri() {
        return URI.create("ws://" + host + ":" + port + wsPath);
    }

    public String label() {
        return transport.key() + "://" + host + ":" + port + (transport == Transport.WEBSOCKET ? wsPath : "");
    }
}
