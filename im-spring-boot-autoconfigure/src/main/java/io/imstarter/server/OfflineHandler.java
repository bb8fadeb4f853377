package io.imstarter.server;

import io.imstarter.protocol.Packet;

/**
 * Takes C2C messages that could not be delivered live (wire protocol section 10): the receiver is offline, the
 * write failed, or in receiver mode the receiver did not ACK in time.
 *
 * <p>Called on the server's decision executor, never on a Netty event loop, at most once per
 * {@code (sender, fp)} while tracked, one message of a receiver at a time in the order they came. Throwing or
 * exceeding {@code im.server.offline-timeout} counts as refused, and the sender then gets 52/305 saying why (a
 * {@link io.imstarter.store.StoreFullException} names the receiver's limit); returning false refuses silently.
 */
@FunctionalInterface
public interface OfflineHandler {

    /** Stores nothing: without an offline handler the sender's QoS reports the message lost. */
    OfflineHandler REFUSE_ALL = message -> false;

    /** @return true when the message was stored for later delivery (the sender then gets a pseudo-ACK) */
    boolean store(Packet message);
}
