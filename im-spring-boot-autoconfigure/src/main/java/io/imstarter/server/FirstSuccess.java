package io.imstarter.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Combines the writes of one packet to each session of a user: done when one succeeds, failed when all fail. */
final class FirstSuccess {

    private FirstSuccess() {
    }

    /** A single write is returned as it is, so a user with one session sees exactly the future of that write. */
    static CompletableFuture<Void> of(List<CompletableFuture<Void>> writes) {
        if (writes.size() == 1) {
            return writes.get(0);
        }
        CompletableFuture<Void> first = new CompletableFuture<>();
        AtomicInteger failures = new AtomicInteger();
        for (CompletableFuture<Void> write : writes) {
            write.whenComplete((ok, failure) -> {
                if (failure == null) {
                    first.complete(null);
                }
                else if (failures.incrementAndGet() == writes.size()) {
                    first.completeExceptionally(failure);
                }
            });
        }
        return first;
    }
}
