package io.imstarter.server.netty;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gateway's read deadlines: its idle and frame timeouts, and a {@link ReadDeadlineQueue} for each event loop
 * its channels run on (so at most one per event loop). Thread-safe.
 */
final class ReadDeadlineQueues {

    private final long idleNanos;
    private final long frameNanos;
    private final Map<EventExecutor, ReadDeadlineQueue> queues = new ConcurrentHashMap<>();

    ReadDeadlineQueues(Duration idleTimeout, Duration frameTimeout) {
        this.idleNanos = idleTimeout.toNanos();
        this.frameNanos = frameTimeout.toNanos();
    }

    /** The queue of the channels on {@code executor}, which only that executor may use. */
    ReadDeadlineQueue on(EventExecutor executor) {
        return queues.computeIfAbsent(executor, loop -> new ReadDeadlineQueue(loop, idleNanos, frameNanos));
    }
}
