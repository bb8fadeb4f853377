package io.imstarter.server;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every {@link ImServerListener}; one that throws is logged and does not stop the others. Listeners are
 * promised the dispatch threads, never a Netty event loop: a notification raised on an event loop (a C2C ACK or
 * keep-alive handled there, a write's completion) is handed to the dispatch pool. A listener that
 * {@linkplain ImServerListener#neverBlocks() never blocks} (the Spring event bridge, which only queues) is called
 * where the notification is raised, so a message costs it no hop to the dispatch pool.
 */
final class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final List<ImServerListener> listeners;
    private final List<ImServerListener> inPlace;
    private final List<ImServerListener> offEventLoop;
    private final DispatchPool dispatchPool;
    private final ImServerStats stats;
    private final RateLimitedLog drops = new RateLimitedLog(log, 5);

    Notifier(List<ImServerListener> listeners, DispatchPool dispatchPool, ImServerStats stats) {
        this.listeners = List.copyOf(listeners);
        this.inPlace = this.listeners.stream().filter(ImServerListener::neverBlocks).toList();
        this.offEventLoop = this.listeners.stream().filter(listener -> !listener.neverBlocks()).toList();
        this.dispatchPool = dispatchPool;
        this.stats = stats;
    }

    /** Whether there is a listener to call at all. */
    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    void notify(String what, Consumer<ImServerListener> call) {
        callAll(inPlace, what, call);
        if (offEventLoop.isEmpty()) {
            return;
        }
        if (!IoThread.isCurrent()) {
            callAll(offEventLoop, what, call);
            return;
        }
        if (dispatchPool.isFull()) {
            stats.recordEventDropped();
            drops.warn("IM dropped a {} notification: {} tasks wait for a dispatch thread (a listener is slow)", what,
                    dispatchPool.capacity());
            return;
        }
        try {
            dispatchPool.execute(() -> callAll(offEventLoop, what, call));
        }
        catch (RejectedExecutionException stopping) {
            callAll(offEventLoop, what, call);
        }
    }

    private static void callAll(List<ImServerListener> listeners, String what, Consumer<ImServerListener> call) {
        for (ImServerListener listener : listeners) {
            try {
                call.accept(listener);
            }
            catch (RuntimeException ex) {
                log.error("IM listener {} failed on {}", listener, what, ex);
            }
        }
    }

    /**
     * Hands a C2S message to the application. A listener that throws {@link RejectedExecutionException} has no
     * room for it; the message is then refused (52/305) and not ACKed, so the sender retries.
     *
     * @return false when a listener had no room
     */
    boolean offerC2S(Consumer<ImServerListener> call) {
        boolean accepted = true;
        for (ImServerListener listener : listeners) {
            try {
                call.accept(listener);
            }
            catch (RejectedExecutionException full) {
                accepted = false;
            }
            catch (RuntimeException ex) {
                log.error("IM listener {} failed on a C2S message", listener, ex);
            }
        }
        return accepted;
    }
}
