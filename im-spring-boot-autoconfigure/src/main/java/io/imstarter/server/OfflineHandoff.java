package io.imstarter.server;

import io.imstarter.protocol.Packet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives undeliverable C2C messages to the application's {@link OfflineHandler} off the event loop (section 10) and
 * reports the outcome. Throwing, timing out or a full decision queue count as refused.
 */
final class OfflineHandoff {

    private static final Logger log = LoggerFactory.getLogger(OfflineHandoff.class);

    private final OfflineHandler handler;
    private final Executor decisionPool;
    private final long timeoutMillis;
    private final Notifier notifier;

    OfflineHandoff(OfflineHandler handler, Executor decisionPool, ImServerConfig config, Notifier notifier) {
        this.handler = handler;
        this.decisionPool = decisionPool;
        this.timeoutMillis = config.offlineTimeout().toMillis();
        this.notifier = notifier;
    }

    /** Completes with true when the handler stored the message; notifies StoredOffline or Undeliverable. */
    CompletableFuture<Boolean> handOff(Packet message) {
        CompletableFuture<Boolean> stored;
        try {
            stored = CompletableFuture.supplyAsync(() -> handler.store(message), decisionPool)
                    .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .exceptionally(failure -> {
                        log.warn("IM offline handler failed or timed out for fp={}", message.fp(), failure);
                        return false;
                    });
        }
        catch (RejectedExecutionException full) {
            log.warn("IM offline hand-off of fp={} refused: the decision queue is full", message.fp());
            stored = CompletableFuture.completedFuture(false);
        }
        return stored.thenApply(accepted -> {
            if (Boolean.TRUE.equals(accepted)) {
                notifier.notify("stored offline", listener -> listener.onC2CStoredOffline(message));
                return true;
            }
            notifier.notify("undeliverable", listener -> listener.onC2CUndeliverable(message));
            return false;
        });
    }
}
