package io.imstarter.cluster.redis;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Keeps at most {@code limit} asynchronous operations in flight; the others wait here in order, holding no thread.
 * A login storm thus meets Redis at the pace Redis answers, and each claim's timeout measures its own round trip
 * instead of its place behind a thousand others. Bounded: past {@code capacity} waiting operations, it refuses.
 */
final class InFlightLimit {

    private final int limit;
    private final int capacity;
    private final Executor starter;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    /** Waiting operations start on {@code starter}, never on the thread that completed the one before. */
    InFlightLimit(int limit, int capacity, Executor starter) {
        this.limit = limit;
        this.capacity = capacity;
        this.starter = starter;
    }

    /** Starts the operation now or once a slot frees; fails at once when {@code capacity} operations wait. */
    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> begin(operation).whenComplete((value, failure) -> {
            release();
            if (failure == null) {
                result.complete(value);
            }
            else {
                result.completeExceptionally(failure);
            }
        });
        synchronized (waiting) {
            if (running >= limit) {
                if (waiting.size() >= capacity) {
                    return CompletableFuture.failedFuture(new IllegalStateException(capacity
                            + " operations are waiting already"));
                }
                waiting.add(start);
                return result;
            }
            running++;
        }
        start.run();
        return result;
    }

    private static <T> CompletableFuture<T> begin(Supplier<CompletableFuture<T>> operation) {
        try {
            return operation.get();
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    private void release() {
        Runnable next;
        synchronized (waiting) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        starter.execute(next);
    }
}
