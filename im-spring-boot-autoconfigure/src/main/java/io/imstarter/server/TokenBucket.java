package io.imstarter.server;

/**
 * A token bucket: {@code ratePerSecond} sustained with bursts up to {@code capacity}, starting full. Its whole state
 * is one long, the time by which the tokens taken so far are paid back (the generic cell rate algorithm's
 * theoretical arrival time), so that a connection keeps its buckets in plain fields ({@link #take}) instead of an
 * object each; an instance holds that long for callers with a single bucket. Not thread-safe.
 */
final class TokenBucket {

    /** What {@link #take} returns when no token is left. */
    static final long EMPTY = Long.MIN_VALUE;

    private final double ratePerSecond;
    private final int capacity;
    private long state;

    TokenBucket(double ratePerSecond, int capacity) {
        this.ratePerSecond = ratePerSecond;
        this.capacity = capacity;
        this.state = full();
    }

    /** Takes a token if one is there. */
    boolean tryTake() {
        long next = take(state, ratePerSecond, capacity);
        if (next == EMPTY) {
            return false;
        }
        state = next;
        return true;
    }

    /** The state of a full bucket. */
    static long full() {
        return System.nanoTime();
    }

    /** Takes a token from the bucket whose state is {@code state}: the state after it, or {@link #EMPTY}. */
    static long take(long state, double ratePerSecond, int capacity) {
        long now = System.nanoTime();
        long interval = (long) (1_000_000_000d / ratePerSecond);
        long owed = Math.max(state - now, 0);
        if (owed > interval * (capacity - 1)) {
            return EMPTY;
        }
        return now + owed + interval;
    }
}
