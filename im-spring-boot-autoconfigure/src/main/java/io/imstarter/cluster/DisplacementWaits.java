package io.imstarter.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The winners of login races on this node, each waiting for the node it displaced to confirm that the older session
 * ended, so that the user is never registered on both nodes while the displacement travels. A wait ends at the
 * confirmation, or after the timeout when the other node does not answer (gone, or cut off from Redis); it never
 * fails. Bounded: beyond {@value #MAX_WAITING} waits, a new one ends at once.
 */
public final class DisplacementWaits {

    static final int MAX_WAITING = 10_000;

    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final Duration timeout;

    public DisplacementWaits(Duration timeout) {
        this.timeout = timeout;
    }

    /** One wait: the request id the confirmation names, and what completes when it arrives. */
    public record Wait(String requestId, CompletableFuture<Void> confirmed) {
    }

    public Wait open() {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        if (waiting.size() >= MAX_WAITING) {
            confirmed.complete(null);
            return new Wait(requestId, confirmed);
        }
        waiting.put(requestId, confirmed);
        confirmed.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((done, never) -> waiting.remove(requestId));
        return new Wait(requestId, confirmed);
    }

    /** The displaced node confirmed (or cannot be reached at all): the winner may register. */
    public void confirmed(String requestId) {
        CompletableFuture<Void> wait = waiting.remove(requestId);
        if (wait != null) {
            wait.complete(null);
        }
    }

    /** Ends every wait, as the node leaves the cluster. */
    public void abandonAll() {
        waiting.values().forEach(wait -> wait.complete(null));
        waiting.clear();
    }

    public int size() {
        return waiting.size();
    }
}
