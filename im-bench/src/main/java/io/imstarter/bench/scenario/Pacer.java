package io.imstarter.bench.scenario;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Starts {@code count} asynchronous tasks at a target rate with at most {@code maxInFlight} running, and stops by
 * itself at a deadline. Ticks every 5 ms on its own thread; a task's future completing frees its slot.
 */
final class Pacer {

    private static final long TICK_MILLIS = 5;

    private final int count;
    private final double perSecond;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile int started;

    /** @param perSecond the start rate; 0 starts as fast as slots free up */
    Pacer(int count, double perSecond, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("--concurrency must be at least 1, got " + maxInFlight);
        }
        this.count = count;
        this.perSecond = perSecond;
        this.maxInFlight = maxInFlight;
    }

    int started() {
        return started;
    }

    int finished() {
        return finished.get();
    }

    /** Runs every task, or as many as the deadline allows; returns how many were started. */
    int run(IntFunction<CompletionStage<?>> task, Duration deadline) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "im-bench-pacer");
            thread.setDaemon(true);
            return thread;
        });
        CompletableFuture<Void> done = new CompletableFuture<>();
        long startNanos = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> {
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            long allowed = perSecond <= 0 ? count : Math.min(count, (long) Math.ceil(elapsed * perSecond));
            while (started < allowed && inFlight.get() < maxInFlight) {
                int index = started++;
                inFlight.incrementAndGet();
                CompletionStage<?> stage;
                try {
                    stage = task.apply(index);
                }
                catch (RuntimeException ex) {
                    stage = CompletableFuture.failedFuture(ex);
                }
                stage.whenComplete((result, failure) -> {
                    inFlight.decrementAndGet();
                    if (finished.incrementAndGet() == count) {
                        done.complete(null);
                    }
                });
            }
        }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        try {
            done.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ex) {
            // the deadline bounds the run; whatever did not finish is reported by the scenario
        }
        finally {
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        }
        return started;
    }
}
