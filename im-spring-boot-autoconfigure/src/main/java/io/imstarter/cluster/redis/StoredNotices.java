package io.imstarter.cluster.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Users of other nodes for whom this node stored messages because it could not reach them (Redis away, their node's
 * subscription lost, no ACK in time). Their node is told at once, and again on every retry until the notice reaches
 * it, so that a receiver that stays online gets what was stored for it as soon as routing works again, not at its
 * next login. A user no node holds is forgotten once that has been so for {@code grace} (after a Redis restart the
 * nodes need a heartbeat to re-create their users' presence); its next login replays the store. Bounded: beyond
 * {@value #MAX_USERS} users, a new one is told once and not retried.
 */
final class StoredNotices {

    static final int MAX_USERS = 100_000;

    /** Each untold user, with the time since which it has been known to be unreachable. */
    private final Map<String, Long> untold = new ConcurrentHashMap<>();
    /**
     * Routes the notice; completes with the subscribers reached, 0 when the user's node did not hear it, -1 when no
     * other node holds the user.
     */
    private final Function<String, CompletableFuture<Long>> notice;
    private final long graceNanos;

    StoredNotices(Function<String, CompletableFuture<Long>> notice, Duration grace) {
        this.notice = notice;
        this.graceNanos = grace.toNanos();
    }

    void stored(String userId) {
        if (untold.size() < MAX_USERS) {
            untold.put(userId, System.nanoTime());
        }
        tell(userId);
    }

    /** Tells every user's node that has not heard yet. */
    void retry() {
        untold.keySet().forEach(this::tell);
    }

    int size() {
        return untold.size();
    }

    private void tell(String userId) {
        notice.apply(userId).whenComplete((reached, failure) -> {
            long now = System.nanoTime();
            if (failure != null || reached == 0) {
                untold.computeIfPresent(userId, (user, since) -> now);
            }
            else if (reached > 0) {
                untold.remove(userId);
            }
            else {
                untold.computeIfPresent(userId, (user, since) -> now - since >= graceNanos ? null : since);
            }
        });
    }
}
