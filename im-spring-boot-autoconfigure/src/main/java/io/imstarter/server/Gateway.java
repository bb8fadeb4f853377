package io.imstarter.server;

import io.imstarter.protocol.Transport;

/** One transport's listener: binds, tracks its connections, and closes them when stopped. Transport SPI. */
public interface Gateway {

    Transport transport();

    /** Binds the port; throws {@link ImServerStartException} when it cannot. */
    void start();

    /** The bound port, or -1 when not bound. */
    int port();

    default boolean isBound() {
        return port() >= 0;
    }

    /** Stops accepting new connections; existing ones keep working. */
    default void stopAccepting() {
    }

    /** Stops accepting, closes every connection of this gateway and waits until they are closed. */
    void stop();
}
