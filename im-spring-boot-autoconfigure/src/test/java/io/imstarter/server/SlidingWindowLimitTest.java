package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlidingWindowLimitTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(5_000 * MS);
    private final SlidingWindowLimit limit = new SlidingWindowLimit(3, now::get);

    @Test
    void allowsTheLimitWithinAnySecondAndNoBurstOnTop() {
        assertThat(limit.tryAcquire()).isTrue();
        now.addAndGet(500 * MS);
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
        now.addAndGet(499 * MS);
        assertThat(limit.tryAcquire()).as("the first is not yet a second old").isFalse();
        now.addAndGet(MS);
        assertThat(limit.tryAcquire()).as("the first is a second old").isTrue();
        assertThat(limit.tryAcquire()).as("the second and third are half a second old").isFalse();
        now.addAndGet(500 * MS);
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
    }
}
