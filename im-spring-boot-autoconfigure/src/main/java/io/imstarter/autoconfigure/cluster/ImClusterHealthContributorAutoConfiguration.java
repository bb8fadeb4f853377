package io.imstarter.autoconfigure.cluster;

import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.cluster.redis.RedisClusterRouting;
import io.imstarter.server.ImServer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code imCluster} health indicator, when spring-boot-health is present ({@code management.health.imcluster}). */
@AutoConfiguration(after = { ImClusterAutoConfiguration.class, ImServerAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, RedisClusterRouting.class })
@ConditionalOnBean({ RedisClusterRouting.class, ImServer.class })
@ConditionalOnEnabledHealthIndicator("imcluster")
public final class ImClusterHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "imClusterHealthIndicator")
    ImClusterHealthIndicator imClusterHealthIndicator(ImServer server) {
        return new ImClusterHealthIndicator(server);
    }
}
