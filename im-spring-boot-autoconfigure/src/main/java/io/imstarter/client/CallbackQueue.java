package io.imstarter.client;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one client's callbacks one at a time, in submission order, on the shared callback executor, so that
 * many clients share threads while each sees its own events in order. Exceptions are caught and logged.
 */
final class CallbackQueue {

    private static final Logger log = LoggerFactory.getLogger(CallbackQueue.class);

    /** Tasks run per turn before yielding the shared thread to other clients. */
    private static final int BATCH = 64;

    private final Executor executor;
    private final int messageCapacity;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedMessages = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

    CallbackQueue(Executor executor, int messageCapacity) {
        this.executor = executor;
        this.messageCapacity = messageCapacity;
    }

    /** Queues a notification; state notifications are few per link, so they are not counted against the bound. */
    void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    /** Completes a future from this queue, so that its dependants run off the event loops and in order. */
    <T> void complete(CompletableFuture<T> future, T value) {
        execute(() -> future.complete(value));
    }

    /** Fails a future from this queue, for the same reasons as {@link #complete}. */
    void fail(CompletableFuture<?> future, Throwable error) {
        execute(() -> future.completeExceptionally(error));
    }

    /** How many message deliveries may wait at once. */
    int messageCapacity() {
        return messageCapacity;
    }

    /** Whether another message delivery would exceed the bound. */
    boolean messagesFull() {
        return queuedMessages.get() >= messageCapacity;
    }

    /** Queues a message delivery, counted against the bound (check {@link #messagesFull()} first). */
    void executeMessage(Runnable delivery) {
        queuedMessages.incrementAndGet();
        execute(() -> {
            queuedMessages.decrementAndGet();
            delivery.run();
        });
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            }
            catch (RejectedExecutionException ex) {
                draining.set(false);
                log.error("The callback executor refused work; {} client callbacks are waiting", tasks.size(), ex);
            }
        }
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            runSafely(task);
        }
        draining.set(false);
        if (!tasks.isEmpty()) {
            schedule();
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
