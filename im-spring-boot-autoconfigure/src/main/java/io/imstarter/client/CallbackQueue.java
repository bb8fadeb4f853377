package io.imstarter.client;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one client's callbacks one at a time, in submission order, on the shared callback executor, so that
 * many clients share threads while each sees its own events in order. Exceptions are caught and logged.
 *
 * <p>At most one drain task of this queue waits in the executor. A bounded executor may refuse or silently drop
 * it; a drain that has not started after {@link #RESUBMIT_AFTER_MILLIS} is submitted again, so the client's
 * callbacks are delayed under overload but never stranded. The drain lock keeps a duplicate from running twice.
 */
final class CallbackQueue {

    private static final Logger log = LoggerFactory.getLogger(CallbackQueue.class);

    /** Tasks run per turn before yielding the shared thread to other clients. */
    private static final int BATCH = 64;

    static final long RESUBMIT_AFTER_MILLIS = 1000;

    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean submitted = new AtomicBoolean();
    private final ReentrantLock draining = new ReentrantLock();
    private volatile boolean started;
    private volatile ScheduledFuture<?> watch;

    CallbackQueue(Executor executor, ScheduledExecutorService scheduler) {
        this.executor = executor;
        this.scheduler = scheduler;
    }

    /** Queues a task; the client bounds what it queues (messages by its inbox, notifications are few per link). */
    void execute(Runnable task) {
        tasks.add(task);
        if (submitted.compareAndSet(false, true)) {
            submit();
        }
    }

    /** Completes a future from this queue, so that its dependants run off the event loops and in order. */
    <T> void complete(CompletableFuture<T> future, T value) {
        execute(() -> future.complete(value));
    }

    /** Fails a future from this queue, for the same reasons as {@link #complete}. */
    void fail(CompletableFuture<?> future, Throwable error) {
        execute(() -> future.completeExceptionally(error));
    }

    private void submit() {
        started = false;
        try {
            watch = scheduler.schedule(this::resubmitIfLost, RESUBMIT_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            log.debug("The scheduler is shut down; no watch for this client's callbacks", ex);
        }
        try {
            executor.execute(this::drain);
        }
        catch (RejectedExecutionException ex) {
            log.warn("The callback executor refused work; {} client callbacks wait for a retry", tasks.size());
        }
    }

    private void resubmitIfLost() {
        if (!started && submitted.get()) {
            log.warn("A client's callbacks waited {} ms for the callback executor; submitting them again",
                    RESUBMIT_AFTER_MILLIS);
            submit();
        }
    }

    private void drain() {
        started = true;
        ScheduledFuture<?> pendingWatch = watch;
        if (pendingWatch != null) {
            pendingWatch.cancel(false);
        }
        if (!draining.tryLock()) {
            // A duplicate of a drain thought lost; the running one checks the queue again before it ends.
            return;
        }
        try {
            for (int i = 0; i < BATCH; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                runSafely(task);
            }
        }
        finally {
            draining.unlock();
        }
        submitted.set(false);
        if (!tasks.isEmpty() && submitted.compareAndSet(false, true)) {
            submit();
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        }
        catch (RuntimeException ex) {
            log.error("A client callback failed", ex);
        }
    }
}
