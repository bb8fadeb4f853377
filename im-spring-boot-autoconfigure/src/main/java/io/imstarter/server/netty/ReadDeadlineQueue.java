package io.imstarter.server.netty;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The pending read deadlines of one gateway's channels on one event loop, a binary heap earliest first, behind one
 * scheduled task for the earliest: a held connection costs a slot here rather than a scheduled task of its own for
 * the whole time it is idle. A deadline still fires at its time, as its own task would. Used on the event loop only.
 */
final class ReadDeadlineQueue implements Runnable {

    private static final int INITIAL_CAPACITY = 16;

    private final EventExecutor executor;
    private final long idleNanos;
    private final long frameNanos;
    private ReadDeadlineHandler[] heap = new ReadDeadlineHandler[INITIAL_CAPACITY];
    private int size;
    private ScheduledFuture<?> timer;
    private long timerDueNanos;

    ReadDeadlineQueue(EventExecutor executor, long idleNanos, long frameNanos) {
        this.executor = executor;
        this.idleNanos = idleNanos;
        this.frameNanos = frameNanos;
    }

    long idleNanos() {
        return idleNanos;
    }

    long frameNanos() {
        return frameNanos;
    }

    long now() {
        return executor.ticker().nanoTime();
    }

    /** Queues {@code deadline} for {@code dueNanos}, or moves it there if it is queued already. */
    void arm(ReadDeadlineHandler deadline, long dueNanos) {
        deadline.dueNanos = dueNanos;
        int index = deadline.queueIndex;
        if (index < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            index = size++;
            place(deadline, index);
        }
        siftDown(siftUp(index));
        schedule();
    }

    /** Takes {@code deadline} out of the queue, if it is queued. */
    void remove(ReadDeadlineHandler deadline) {
        int index = deadline.queueIndex;
        if (index < 0) {
            return;
        }
        deadline.queueIndex = -1;
        ReadDeadlineHandler last = heap[--size];
        heap[size] = null;
        if (index < size) {
            place(last, index);
            siftDown(siftUp(index));
        }
        if (heap.length > INITIAL_CAPACITY && size < heap.length / 4) {
            heap = Arrays.copyOf(heap, heap.length / 2);
        }
    }

    boolean isQueued(ReadDeadlineHandler deadline) {
        return deadline.queueIndex >= 0;
    }

    /** The timer: runs every deadline that is due, which may queue itself again, then waits for the next one. */
    @Override
    public void run() {
        timer = null;
        long now = now();
        while (size > 0 && heap[0].dueNanos <= now) {
            ReadDeadlineHandler due = heap[0];
            remove(due);
            due.deadlineReached();
        }
        schedule();
    }

    /** Arms the timer for the earliest deadline, unless it is armed for that or earlier (then it fires early, idle). */
    private void schedule() {
        if (size == 0 || timer != null && timerDueNanos <= heap[0].dueNanos) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerDueNanos = heap[0].dueNanos;
        timer = executor.schedule(this, timerDueNanos - now(), TimeUnit.NANOSECONDS);
    }

    private int siftUp(int index) {
        ReadDeadlineHandler moving = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (heap[parent].dueNanos <= moving.dueNanos) {
                break;
            }
            place(heap[parent], index);
            index = parent;
        }
        place(moving, index);
        return index;
    }

    private void siftDown(int index) {
        ReadDeadlineHandler moving = heap[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1].dueNanos < heap[child].dueNanos) {
                child++;
            }
            if (moving.dueNanos <= heap[child].dueNanos) {
                break;
            }
            place(heap[child], index);
            index = child;
        }
        place(moving, index);
    }

    private void place(ReadDeadlineHandler deadline, int index) {
        heap[index] = deadline;
        deadline.queueIndex = index;
    }
}
