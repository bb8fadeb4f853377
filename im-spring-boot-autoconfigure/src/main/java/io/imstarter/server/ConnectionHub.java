package io.imstarter.server;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Transport SPI: what a gateway's connections report to, the server core. Implemented by the core, called by the
 * {@link ServerTransport}'s gateways; applications neither implement nor call it.
 */
public interface ConnectionHub {

    ImServerConfig config();

    /** The pool that runs dispatch off the event loops. */
    Executor dispatchPool();

    /**
     * The gateway admitted the connection; the login deadline starts on {@code eventLoop}, the event loop that reads
     * the connection. Called from any thread.
     */
    void onOpened(Connection connection, ScheduledExecutorService eventLoop);

    /** A connection cap refused the connection: answer 52/305 with {@code sentence}, then close. Any thread. */
    void onRefused(Connection connection, String sentence);

    /** A started frame, message or handshake missed the frame timeout: close. Called on the event loop. */
    void onFrameTimeout(Connection connection);

    /** A frame arrived; called on the connection's event loop. */
    void onFrame(Connection connection, InboundFrame frame);

    /** The connection ended, for whatever reason; called once per connection, from any thread. */
    void onClosed(Connection connection);
}
