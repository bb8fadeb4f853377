package io.imstarter.server;

import java.util.function.LongSupplier;

/**
 * At most {@code limit} events in any one-second window: remembers the times of the last {@code limit} events and
 * allows a new one only when the oldest of them is a second old. Strict where a token bucket would allow a burst
 * on top of its rate. Thread-safe.
 */
final class SlidingWindowLimit {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final long[] times;
    private final LongSupplier nanoClock;
    private int oldest;
    private int count;

    SlidingWindowLimit(int limit) {
        this(limit, System::nanoTime);
    }

    SlidingWindowLimit(int limit, LongSupplier nanoClock) {
        this.times = new long[limit];
        this.nanoClock = nanoClock;
    }

    synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        if (count == times.length) {
            if (now - times[oldest] < WINDOW_NANOS) {
                return false;
            }
            times[oldest] = now;
            oldest = (oldest + 1) % times.length;
            return true;
        }
        times[(oldest + count) % times.length] = now;
        count++;
        return true;
    }
}
