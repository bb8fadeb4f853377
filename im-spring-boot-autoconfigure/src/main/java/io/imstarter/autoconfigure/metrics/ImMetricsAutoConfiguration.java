package io.imstarter.autoconfigure.metrics;

import io.imstarter.autoconfigure.ImEventPublisher;
import io.imstarter.autoconfigure.ImEventsAutoConfiguration;
import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.server.ImServer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Micrometer meters of the IM server and event publishing, bound by Boot's metrics support when present. */
@AutoConfiguration(after = { ImServerAutoConfiguration.class, ImEventsAutoConfiguration.class })
@ConditionalOnClass(MeterBinder.class)
public final class ImMetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean(ImServer.class)
    @ConditionalOnMissingBean
    ImServerMetrics imServerMetrics(ImServer server) {
        return new ImServerMetrics(server);
    }

    @Bean
    @ConditionalOnBean(ImEventPublisher.class)
    @ConditionalOnMissingBean
    ImEventMetrics imEventMetrics(ImEventPublisher publisher) {
        return new ImEventMetrics(publisher);
    }
}
