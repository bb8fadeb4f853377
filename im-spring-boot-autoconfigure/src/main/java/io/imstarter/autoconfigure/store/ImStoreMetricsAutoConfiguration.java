package io.imstarter.autoconfigure.store;

import io.imstarter.store.jdbc.JdbcMessageStore;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Micrometer meters of the JDBC message store, bound by Boot's metrics support when present. */
@AutoConfiguration(after = ImStoreAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(JdbcMessageStore.class)
public final class ImStoreMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ImStoreMetrics imStoreMetrics(JdbcMessageStore store) {
        return new ImStoreMetrics(store);
    }
}
