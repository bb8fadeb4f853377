package io.imstarter.server;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.store.StoreFullException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives undeliverable C2C messages to the application's {@link OfflineHandler} off the event loop (section 10) and
 * reports the outcome. The messages of one receiver are handed over one after the other, in the order they came,
 * so a store keeps a sender's burst in order (a handler that {@linkplain OfflineHandler#keepsCallOrder() keeps the
 * call order} gets the next one at once, so they can share a commit); at most {@value #MAX_WAITING_PER_RECEIVER}
 * wait per receiver.
 * Throwing, timing out, a full decision queue or too many waiting count as refused; then the sender, when online,
 * also gets 52/305 saying why (a full store names its limit), so that it retries later instead of taking the
 * silence for a loss of the server's making.
 */
final class OfflineHandoff {

    private static final Logger log = LoggerFactory.getLogger(OfflineHandoff.class);
    static final int MAX_WAITING_PER_RECEIVER = 1000;

    /** The last hand-off queued for a receiver and how many of its hand-offs have not finished. */
    private record Tail(CompletableFuture<Boolean> last, int waiting) {
    }

    private final OfflineHandler handler;
    private final Executor decisionPool;
    private final long timeoutMillis;
    private final Notifier notifier;
    private final SessionRegistry registry;
    private final ErrorReplies errors;
    private final Map<String, Tail> tails = new ConcurrentHashMap<>();

    OfflineHandoff(OfflineHandler handler, Executor decisionPool, ImServerConfig config, Notifier notifier,
            SessionRegistry registry, ErrorReplies errors) {
        this.handler = handler;
        this.decisionPool = decisionPool;
        this.timeoutMillis = config.getOfflineTimeout().toMillis();
        this.notifier = notifier;
        this.registry = registry;
        this.errors = errors;
    }

    /** Completes with true when the handler stored the message; notifies StoredOffline or Undeliverable. */
    CompletableFuture<Boolean> handOff(Packet message) {
        CompletableFuture<Boolean> decided = enqueue(message);
        CompletableFuture<Boolean> stored = decided == null
                ? CompletableFuture.completedFuture(refuse(message, new TooManyWaiting()))
                : decided.exceptionally(failure -> refuse(message, failure));
        return stored.thenApply(accepted -> {
            if (Boolean.TRUE.equals(accepted)) {
                notifier.notify("stored offline", listener -> listener.onC2CStoredOffline(message));
                return true;
            }
            notifier.notify("undeliverable", listener -> listener.onC2CUndeliverable(message));
            return false;
        });
    }

    /**
     * Queues the handler call after the receiver's previous one has finished or timed out (or at once for a handler
     * that keeps the call order); null when too many wait already. The timeout counts from the moment the call starts, not from the moment it was queued.
     */
    private CompletableFuture<Boolean> enqueue(Packet message) {
        String receiver = message.to();
        AtomicReference<CompletableFuture<Boolean>> queued = new AtomicReference<>();
        try {
            tails.compute(receiver, (key, previous) -> {
                if (previous == null) {
                    queued.set(call(message));
                    return new Tail(queued.get(), 1);
                }
                if (previous.waiting() >= MAX_WAITING_PER_RECEIVER) {
                    return previous;
                }
                queued.set(handler.keepsCallOrder() ? call(message)
                        : previous.last().handle((ignored, failure) -> null).thenCompose(ignored -> call(message)));
                return new Tail(queued.get(), previous.waiting() + 1);
            });
        }
        catch (RejectedExecutionException full) {
            return CompletableFuture.failedFuture(full);
        }
        CompletableFuture<Boolean> call = queued.get();
        if (call != null) {
            call.whenComplete((ignored, failure) -> tails.computeIfPresent(receiver,
                    (key, tail) -> tail.waiting() == 1 ? null : new Tail(tail.last(), tail.waiting() - 1)));
        }
        return call;
    }

    private CompletableFuture<Boolean> call(Packet message) {
        return handler.storeAsync(message, decisionPool).orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
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
        else if (cause instanceof RejectedExecutionException || cause instanceof TooManyWaiting) {
            log.warn("IM offline hand-off of fp={} refused: too many hand-offs are waiting", message.fp());
            reason = "Too many messages are waiting to be stored for " + receiver + "; retry later";
        }
        else {
            log.warn("IM offline handler failed for fp={}", message.fp(), cause);
            reason = "The offline store could not store the message for " + receiver + "; retry later";
        }
        // Which of the sender's sessions sent the message is not known here, so each of them is told.
        for (Connection sender : registry.connections(message.from())) {
            errors.send(sender, ErrorCode.RATE_LIMITED, reason, message.fp());
        }
        return false;
    }

    /** More than {@value #MAX_WAITING_PER_RECEIVER} hand-offs wait for one receiver. */
    private static final class TooManyWaiting extends RuntimeException {

        TooManyWaiting() {
            super(null, null, false, false);
        }
    }
}
