package io.imstarter.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Re-login delays (section 8): at once, then the initial delay doubling up to the maximum, each with jitter so
 * that clients dropped together do not return together.
 */
final class ReloginBackoff {

    private final long initialMillis;
    private final long maxMillis;
    private final double jitter;

    ReloginBackoff(Duration initial, Duration max, double jitter) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
    }

    /** The delay before attempt {@code attempt} (0 is the first attempt after a loss) in milliseconds. */
    long delayMillis(int attempt) {
        if (attempt <= 0) {
            return 0;
        }
        // 30 doublings reach any sane maximum without overflowing a long.
        long base = Math.min(maxMillis, initialMillis << Math.min(attempt - 1, 30));
        double spread = jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Math.max(0, Math.round(base * (1 + spread)));
    }
}
