package io.imstarter.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes stored messages older than the maximum age, every interval, on its own daemon thread
 * ({@code im-store-expiry}). A failed run is logged and the next run tries again.
 */
public final class MessageExpiry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MessageExpiry.class);

    private final MessageStore store;

    private final Duration maxAge;

    private final Duration interval;

    private final Clock clock;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "im-store-expiry");
        thread.setDaemon(true);
        return thread;
    });

    public MessageExpiry(MessageStore store, Duration maxAge, Duration interval, Clock clock) {
        if (maxAge.isNegative() || maxAge.isZero() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(
                    "The maximum age (" + maxAge + ") and the expiry interval (" + interval + ") must be positive");
        }
        this.store = store;
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
        try {
            long expired = store.expireAcceptedBefore(clock.instant().minus(maxAge));
            if (expired > 0) {
                log.info("Expired {} stored messages older than {}", expired, maxAge);
            }
            return expired;
        }
        catch (RuntimeException ex) {
            log.warn("Expiring stored messages failed; retrying in {}", interval, ex);
            return 0;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
