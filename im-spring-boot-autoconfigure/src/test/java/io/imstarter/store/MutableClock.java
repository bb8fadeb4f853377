package io.imstarter.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/** A clock that tests move forward by hand, so that accept times and expiry are exact. */
public final class MutableClock extends Clock {

    private static final AtomicInteger EARLIER = new AtomicInteger();

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    /**
     * A clock that starts a week before the one made before it by this method, so that an expiry one test runs on a
     * shared database never reaches the rows another test wrote at its own times.
     */
    public static MutableClock beforeEarlierOnes() {
        Duration before = Duration.ofDays(7L * EARLIER.incrementAndGet());
        return new MutableClock(Instant.parse("2020-01-01T00:00:00Z").minus(before));
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("A test clock stays in UTC");
    }
}
