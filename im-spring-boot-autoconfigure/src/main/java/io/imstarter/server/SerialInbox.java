package io.imstarter.server;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's work in arrival order on a shared pool, off the event loop. A task may return an
 * unfinished stage (a login waiting for its verifier); the next task starts only when it completes. Bounded: at
 * most {@code capacity} tasks wait, plus one slot kept for the connection's end. A task that never blocks may run
 * on the caller's thread instead ({@link #runIfIdle}), when that keeps the order.
 */
final class SerialInbox {

    private static final Logger log = LoggerFactory.getLogger(SerialInbox.class);
    private static final int BATCH = 64;

    private final Executor pool;
    private final int capacity;
    /**
     * The waiting tasks, a ring from {@code head}, guarded by this inbox's monitor: a queue of its own rather than an
     * {@code ArrayDeque}, made when a task arrives and dropped once none waits, because most connections have nothing
     * waiting most of the time and there are many connections.
     */
    private Object[] tasks;
    private int head;
    private int size;
    private boolean scheduled;
    private boolean ended;

    SerialInbox(Executor pool, int capacity) {
        this.pool = pool;
        this.capacity = capacity;
    }

    /** Queues a task; false when the inbox is full. */
    boolean offer(Supplier<CompletionStage<?>> task) {
        return enqueue(task, false);
    }

    /**
     * Queues the connection's last task (its end), which must not be lost, in the slot kept for it; false if a last
     * task was queued already.
     */
    boolean offerLast(Supplier<CompletionStage<?>> task) {
        return enqueue(task, true);
    }

    /**
     * Runs the task now, on the calling thread, if nothing of this connection is queued or running; false (and the
     * task not run) otherwise, for the caller to {@link #offer} it. The inbox counts as busy while the task runs, so
     * whatever is queued meanwhile runs after it.
     */
    boolean runIfIdle(Supplier<CompletionStage<?>> task) {
        synchronized (this) {
            if (scheduled) {
                return false;
            }
            scheduled = true;
        }
        CompletionStage<?> stage = runSafely(task);
        if (stage != null && !stage.toCompletableFuture().isDone()) {
            stage.whenComplete((result, failure) -> schedule());
            return true;
        }
        synchronized (this) {
            if (size == 0) {
                scheduled = false;
                return true;
            }
        }
        schedule();
        return true;
    }

    private boolean enqueue(Supplier<CompletionStage<?>> task, boolean last) {
        synchronized (this) {
            if (last ? ended : size >= capacity) {
                return false;
            }
            ended |= last;
            add(task);
            if (scheduled) {
                return true;
            }
            scheduled = true;
        }
        schedule();
        return true;
    }

    private void schedule() {
        try {
            pool.execute(this::drain);
        }
        catch (RejectedExecutionException shuttingDown) {
            drain();
        }
    }

    private void drain() {
        for (int done = 0; done < BATCH; done++) {
            Supplier<CompletionStage<?>> task;
            synchronized (this) {
                task = poll();
                if (task == null) {
                    scheduled = false;
                    return;
                }
            }
            CompletionStage<?> stage = runSafely(task);
            if (stage != null && !stage.toCompletableFuture().isDone()) {
                stage.whenComplete((result, failure) -> schedule());
                return;
            }
        }
        schedule();
    }

    private void add(Supplier<CompletionStage<?>> task) {
        if (tasks == null) {
            tasks = new Object[2];
        }
        else if (size == tasks.length) {
            Object[] grown = new Object[size * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = tasks[(head + i) % size];
            }
            tasks = grown;
            head = 0;
        }
        tasks[(head + size) % tasks.length] = task;
        size++;
    }

    @SuppressWarnings("unchecked")
    private Supplier<CompletionStage<?>> poll() {
        if (size == 0) {
            return null;
        }
        Supplier<CompletionStage<?>> task = (Supplier<CompletionStage<?>>) tasks[head];
        tasks[head] = null;
        head = (head + 1) % tasks.length;
        if (--size == 0) {
            tasks = null;
            head = 0;
        }
        return task;
    }

    private static CompletionStage<?> runSafely(Supplier<CompletionStage<?>> task) {
        try {
            return task.get();
        }
        catch (RuntimeException ex) {
            log.error("IM dispatch task failed", ex);
            return null;
        }
    }
}
