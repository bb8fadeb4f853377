package io.imstarter.autoconfigure.cluster;

import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.server.ImServer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The cluster's Micrometer meters ({@link ImClusterMetrics}), when Micrometer is present and the cluster is on. */
@AutoConfiguration(after = { ImClusterAutoConfiguration.class, ImServerAutoConfiguration.class })
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBooleanProperty(name = "im.cluster.enabled")
@ConditionalOnBean(ImServer.class)
@EnableConfigurationProperties(ImClusterProperties.class)
public final class ImClusterMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ImClusterMetrics imClusterMetrics(ImServer server, ImClusterProperties properties) {
        return new ImClusterMetrics(server, properties.getMetricsRefresh());
    }
}
