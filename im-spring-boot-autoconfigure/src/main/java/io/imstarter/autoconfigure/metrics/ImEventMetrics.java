package io.imstarter.autoconfigure.metrics;

import io.imstarter.autoconfigure.ImEventPublisher;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** {@code im.events.dropped}: IM events dropped because the publishing queue was full. */
public class ImEventMetrics implements MeterBinder {

    private final ImEventPublisher publisher;

    public ImEventMetrics(ImEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("im.events.dropped", publisher, ImEventPublisher::droppedEvents)
                .description("IM events dropped because the publishing queue was full")
                .register(registry);
    }
}
