package io.imstarter.autoconfigure.health;

import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.server.ImServer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code im} health indicator, when spring-boot-health is present ({@code management.health.im.enabled}). */
@AutoConfiguration(after = ImServerAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ImServer.class)
@ConditionalOnEnabledHealthIndicator("im")
public final class ImHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "imHealthIndicator")
    ImHealthIndicator imHealthIndicator(ImServer server) {
        return new ImHealthIndicator(server);
    }
}
