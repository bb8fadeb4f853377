package io.imstarter.server;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.store.StoreFullException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives undeliverable C2C messages to the application's {@link OfflineHandler} off the event loop (section 10) and
 * reports the outcome. Throwing, timing out or a full decision queue count as refused; then the sender, when
 * online, also gets 52/305 saying why (a full store names its limit), so that it retries later instead of taking the
 * silence for a loss of the server's making.
 */
final class OfflineHandoff {

    private static final Logger log = LoggerFactory.getLogger(OfflineHandoff.class);

    private final OfflineHandler handler;
    private final Executor decisionPool;
    private final long timeoutMillis;
    private final Notifier notifier;
    private final SessionRegistry registry;
    private final ErrorReplies errors;

    OfflineHandoff(OfflineHandler handler, Executor decisionPool, ImServerConfig config, Notifier notifier,
            SessionRegistry registry, ErrorReplies errors) {
        this.handler = handler;
        this.decisionPool = decisionPool;
        this.timeoutMillis = config.offlineTimeout().toMillis();
        this.notifier = notifier;
        this.registry = registry;
        this.errors = errors;
    }

    /** Completes with true when the handler stored the message; notifies StoredOffline or Undeliverable. */
    CompletableFuture<Boolean> handOff(Packet message) {
        CompletableFuture<Boolean> stored;
        try {
            stored = CompletableFuture.supplyAsync(() -> handler.store(message), decisionPool)
                    .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .exceptionally(failure -> refuse(message, failure));
        }
        catch (RejectedExecutionException full) {
            log.warn("IM offline hand-off of fp={} refused: the decision queue is full", message.fp());
            stored = CompletableFuture.completedFuture(refuse(message, full));
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

    /** Tells the sender why its message was not stored; always false (refused). */
    private boolean refuse(Packet message, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        String receiver = message.to();
        String reason;
        if (cause instanceof StoreFullException full) {
            log.warn("IM refused fp={} from {}: {}", message.fp(), message.from(), full.getMessage());
            reason = receiver + "'s offline store is full (" + full.limit() + " messages); retry later";
        }
        else if (cause instanceof TimeoutException) {
            log.warn("IM offline handler took longer than {} ms for fp={}", timeoutMillis, message.fp());
            reason = "Storing the message for " + receiver + " took longer than " + timeoutMillis + " ms; retry later";
        }
        else if (cause instanceof RejectedExecutionException) {
            reason = "Too many messages are waiting to be stored; retry later";
        }
        else {
            log.warn("IM offline handler failed for fp={}", message.fp(), cause);
            reason = "The offline store could not store the message for " + receiver + "; retry later";
        }
        Connection sender = registry.get(message.from());
        if (sender != null) {
            errors.send(sender, ErrorCode.RATE_LIMITED, reason, message.fp());
        }
        return false;
    }
}
