package io.imstarter.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Re-login delays (section 8): {@link #FAST_ATTEMPTS} quick attempts, each after a random delay between a quarter
 * of a second and one second (scaled down when the initial delay is shorter), so that a server restarted within a
 * few seconds has its users back within about a second of being ready; then the initial delay doubling up to the
 * maximum. Every delay is jittered so that clients dropped together do not return together. With several servers
 * the count runs per attempt, not per round of the list: each attempt goes to the next server after its own delay,
 * so the clients of a dead server reach the next one spread out, and no server sees more attempts than alone.
 */
final class ReloginBackoff {

    /** Attempts made quickly before the backoff starts to grow. */
    static final int FAST_ATTEMPTS = 8;

    /** The quick attempts wait less than this. */
    static final long FAST_MAX_MILLIS = 1000;

    private final long initialMillis;
    private final long maxMillis;
    private final double jitter;
    private final long fastMaxMillis;

    ReloginBackoff(Duration initial, Duration max, double jitter) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
        this.fastMaxMillis = Math.max(1, Math.min(FAST_MAX_MILLIS, initialMillis));
    }

    /** The delay before attempt {@code attempt} (0 is the first attempt after a loss) in milliseconds. */
    long delayMillis(int attempt) {
        if (attempt < FAST_ATTEMPTS) {
            return ThreadLocalRandom.current().nextLong(fastMaxMillis / 4, fastMaxMillis);
        }
        // 30 doublings reach any sane maximum without overflowing a long.
        long base = Math.min(maxMillis, initialMillis << Math.min(attempt - FAST_ATTEMPTS, 30));
        double spread = jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Math.max(0, Math.round(base * (1 + spread)));
    }
}
