package io.imstarter.server;

import java.util.concurrent.Executor;

/**
 * What a gateway's connections report to: the server core. An internal SPI between the server and its gateways
 * ({@code server.tcp}, {@code server.udp}, {@code server.websocket}); applications do not implement it.
 */
public interface ConnectionHub {

    ImServerConfig config();

    /** The pool that runs dispatch off the event loops. */
    Executor dispatchPool();

    /** A frame arrived; called on the connection's event loop. */
    void onFrame(Connection connection, InboundFrame frame);

    /** The connection ended, for whatever reason; called once per connection, from any thread. */
    void onClosed(Connection connection);
}
