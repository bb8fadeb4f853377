package io.imstarter.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes stored messages older than the maximum age, every interval, on its own daemon thread
 * ({@code im-store-expiry}): the C2C messages of a {@link MessageStore} and, with groups, the group messages of a
 * {@link GroupStore}. A failed run is logged and the next run tries again.
 */
public final class MessageExpiry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MessageExpiry.class);

    private final List<ExpiringStore> stores;

    private final Duration maxAge;

    private final Duration interval;

    private final Clock clock;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "im-store-expiry");
        thread.setDaemon(true);
        return thread;
    });

    /** Expires the messages of every store (the C2C one, and the group one when there are groups) by one age. */
    public MessageExpiry(List<? extends ExpiringStore> stores, Duration maxAge, Duration interval, Clock clock) {
        if (maxAge.isNegative() || maxAge.isZero() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(
                    "The maximum age (" + maxAge + ") and the expiry interval (" + interval + ") must be positive");
        }
        this.stores = List.copyOf(stores);
        this.maxAge = maxAge;
        this.interval = interval;
        this.clock = clock;
    }

    public void start() {
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Deletes what is older than the maximum age now. */
    public long runOnce() {
        Instant cutoff = clock.instant().minus(maxAge);
        long expired = 0;
        for (ExpiringStore store : stores) {
            try {
                expired += store.expireAcceptedBefore(cutoff);
            }
            catch (RuntimeException ex) {
                log.warn("Expiring stored messages failed; retrying in {}", interval, ex);
            }
        }
        if (expired > 0) {
            log.info("Expired {} stored messages older than {}", expired, maxAge);
        }
        return expired;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
