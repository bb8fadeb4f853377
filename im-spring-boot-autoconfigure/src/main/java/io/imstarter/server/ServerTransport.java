package io.imstarter.server;

import io.imstarter.protocol.Transport;

/**
 * How an {@link ImServer} reaches the network: it opens a {@link Gateway} for each enabled transport and owns the
 * IO threads their connections run on. The server drives it, one run at a time: {@link #start} before any gateway
 * opens, {@link #stop} after every gateway has closed. Give one to {@link ImServer.Builder#transport}; the Spring
 * edge provides the Netty transport ({@code NettyTransport}) as a bean an application may replace.
 *
 * <p>Its connections report to the {@link ConnectionHub} as {@link Connection}s with {@link InboundFrame}s, and
 * its IO threads implement {@link IoThread}; nothing here names a networking library.
 */
public interface ServerTransport {

    /** Starts the IO threads of one run of the server, sized by {@code config}. */
    void start(ImServerConfig config);

    /** The gateway of one transport for this run; not bound until its {@link Gateway#start()}. */
    Gateway gateway(Transport transport, ConnectionHub hub);

    /** Stops the IO threads and waits for them; every gateway of this run has stopped. Does nothing when stopped. */
    void stop();
}
