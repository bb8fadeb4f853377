package io.imstarter.server;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The dispatch threads ({@code im-dispatch-N}) and their bounded queue. New work is admitted only while fewer than
 * {@code capacity} tasks wait ({@link #isFull}): a packet that would need a dispatch thread is refused with 52/305
 * ({@link ServerCore}) and a listener call raised on an event loop is dropped and counted ({@link Notifier}). What
 * continues admitted work (a connection inbox's next batch, its end, a failed write's outcome) is always queued, so
 * nothing admitted is lost; there is at most one such task per connection inbox and per failed write, so the queue
 * holds at most {@code capacity} plus those (plus one per event loop admitted at the same moment, as the check and
 * the queueing are not one step). A queue that refused them instead would stall a connection for good.
 */
final class DispatchPool extends ThreadPoolExecutor {

    private final int capacity;

    DispatchPool(int threads, int capacity) {
        super(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new DaemonThreads("im-dispatch"));
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    /** Whether {@code capacity} tasks wait already, so that new work must be refused. */
    boolean isFull() {
        return getQueue().size() >= capacity;
    }
}
