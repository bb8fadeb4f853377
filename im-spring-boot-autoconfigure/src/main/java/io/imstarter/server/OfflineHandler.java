package io.imstarter.server;

import io.imstarter.protocol.Packet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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

    /**
     * {@link #store} without holding a thread of the server's while the message is written: the future completes
     * with what {@code store} would return, or fails with what it would throw. This default runs {@code store} on
     * {@code decisionExecutor}; a handler that writes asynchronously (sharing commits, say) overrides it.
     */
    default CompletableFuture<Boolean> storeAsync(Packet message, Executor decisionExecutor) {
        return CompletableFuture.supplyAsync(() -> store(message), decisionExecutor);
    }

    /**
     * Whether {@link #storeAsync} stores messages in the order it is called, so that the server may hand a
     * receiver's next message over before the previous one is stored instead of one at a time.
     */
    default boolean keepsCallOrder() {
        return false;
    }
}
