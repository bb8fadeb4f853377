package io.imstarter.autoconfigure.store;

import io.imstarter.store.jdbc.JdbcMessageStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/** {@code im.store.stored}, {@code im.store.delivered} and {@code im.store.expired}: the JDBC store's counts. */
public class ImStoreMetrics implements MeterBinder {

    private final JdbcMessageStore store;

    public ImStoreMetrics(JdbcMessageStore store) {
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "im.store.stored", "Messages stored for offline receivers", JdbcMessageStore::storedCount);
        counter(registry, "im.store.delivered", "Stored messages acknowledged by their receiver",
                JdbcMessageStore::deliveredCount);
        counter(registry, "im.store.expired", "Stored messages deleted by age", JdbcMessageStore::expiredCount);
    }

    private void counter(MeterRegistry registry, String name, String description,
            ToDoubleFunction<JdbcMessageStore> count) {
        FunctionCounter.builder(name, store, count).description(description).register(registry);
    }
}
