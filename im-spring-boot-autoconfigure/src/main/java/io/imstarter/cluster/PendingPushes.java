package io.imstarter.cluster;

import io.imstarter.server.S2CSendException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Server pushes this node sent to users of other nodes, waiting for the outcome the other node reports back.
 * Bounded; an outcome that does not come within the request timeout fails the push as {@code LOST}.
 */
public final class PendingPushes {

    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    private final long timeoutMillis;
    private final int maxPending;
    private final Executor completions;

    /** Futures complete on {@code completions}, never on the thread that read the outcome from the network. */
    public PendingPushes(Duration timeout, int maxPending, Executor completions) {
        this.timeoutMillis = timeout.toMillis();
        this.maxPending = maxPending;
        this.completions = completions;
    }

    /** A new request id and its future, or a failed future when too many pushes are waiting already. */
    public Pending open(String userId, String fp) {
        if (waiting.size() >= maxPending) {
            return new Pending(null, CompletableFuture.failedFuture(new S2CSendException(
                    S2CSendException.Reason.QUEUE_FULL, fp, maxPending + " pushes to other nodes are waiting")));
        }
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        waiting.put(requestId, outcome);
        CompletableFuture<String> result = outcome.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .handleAsync((fpDone, failure) -> {
                    waiting.remove(requestId);
                    if (failure == null) {
                        return fpDone;
                    }
                    throw failure instanceof TimeoutException
                            ? new S2CSendException(S2CSendException.Reason.LOST, fp, "User " + userId
                                    + "'s node did not report the push's outcome within " + timeoutMillis + " ms")
                            : asSendException(failure, fp);
                }, completions);
        return new Pending(requestId, result);
    }

    /** Completes a request with the outcome another node reported; unknown ids (timed out already) are ignored. */
    public void complete(ClusterMessage result) {
        CompletableFuture<String> outcome = waiting.get(result.requestId());
        if (outcome == null) {
            return;
        }
        if (result.reason() == null) {
            outcome.complete(result.fp());
        }
        else {
            outcome.completeExceptionally(new S2CSendException(reason(result.reason()), result.fp(), result.text()));
        }
    }

    /** Fails a request whose message never reached the other node. */
    public void fail(String requestId, Throwable failure) {
        CompletableFuture<String> outcome = waiting.get(requestId);
        if (outcome != null) {
            outcome.completeExceptionally(failure);
        }
    }

    /** Fails every waiting request, when the node leaves the cluster. */
    public void abandonAll() {
        waiting.values().forEach(outcome -> outcome.completeExceptionally(new S2CSendException(
                S2CSendException.Reason.NOT_RUNNING, null, "The node left the cluster before the outcome came")));
    }

    public int size() {
        return waiting.size();
    }

    private static S2CSendException asSendException(Throwable failure, String fp) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof S2CSendException sendFailure ? sendFailure
                : new S2CSendException(S2CSendException.Reason.WRITE_FAILED, fp, cause.getMessage());
    }

    private static S2CSendException.Reason reason(String name) {
        try {
            return S2CSendException.Reason.valueOf(name);
        }
        catch (IllegalArgumentException unknown) {
            return S2CSendException.Reason.WRITE_FAILED;
        }
    }

    /** A request id (null when refused) and the future the caller gets. */
    public record Pending(String requestId, CompletableFuture<String> result) {
    }
}
