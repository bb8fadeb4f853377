package io.imstarter.autoconfigure.store;

import io.imstarter.store.MessageStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code imStore} health indicator, when spring-boot-health is present ({@code management.health.imstore}). */
@AutoConfiguration(after = ImStoreAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(MessageStore.class)
@ConditionalOnEnabledHealthIndicator("imstore")
public final class ImStoreHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "imStoreHealthIndicator")
    ImStoreHealthIndicator imStoreHealthIndicator(MessageStore store) {
        return new ImStoreHealthIndicator(store);
    }
}
