package io.imstarter.benchapp;

import io.imstarter.event.ImC2CDeliveredEvent;
import io.imstarter.event.ImC2CStoredOfflineEvent;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The application's own work on each message, as cheap as a real one can be: an {@code @EventListener} that counts
 * what was delivered and what went to the store. Its totals are logged at shutdown, so a run can check that the
 * events kept up.
 */
@Component
public class MessageCounter {

    private static final Logger log = LoggerFactory.getLogger(MessageCounter.class);

    private final LongAdder delivered = new LongAdder();

    private final LongAdder storedOffline = new LongAdder();

    @EventListener
    void onDelivered(ImC2CDeliveredEvent event) {
        delivered.increment();
    }

    @EventListener
    void onStoredOffline(ImC2CStoredOfflineEvent event) {
        storedOffline.increment();
    }

    public long delivered() {
        return delivered.sum();
    }

    public long storedOffline() {
        return storedOffline.sum();
    }

    @jakarta.annotation.PreDestroy
    void logTotals() {
        log.info("events counted: {} delivered, {} stored offline", delivered(), storedOffline());
    }
}
