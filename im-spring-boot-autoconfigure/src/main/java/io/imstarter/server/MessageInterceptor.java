package io.imstarter.server;

import io.imstarter.protocol.Packet;

/**
 * Vetoes inbound type 2 messages (C2S and C2C); a refused message gets 52/306 and is neither delivered nor ACKed.
 *
 * <p>Called on the server's dispatch threads, never on a Netty event loop, in the sender's arrival order; keep it
 * quick, since the sender's next packet waits for it.
 */
@FunctionalInterface
public interface MessageInterceptor {

    /** Lets every message through. */
    MessageInterceptor ALLOW_ALL = (message, sender) -> true;

    /** @return true to let the message through, false to refuse it */
    boolean allow(Packet message, SessionInfo sender);
}
