package io.imstarter.autoconfigure.cluster;

import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.cluster.redis.RedisClusterRouting;
import io.imstarter.server.ClusterRouting;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The cluster ({@code im.cluster.enabled=true}): a {@link RedisClusterRouting} on Spring Boot's own Redis connection
 * ({@code spring.data.redis.*}, Lettuce), handed to the {@link io.imstarter.server.ImServer} that
 * {@link ImServerAutoConfiguration} builds. Off by default; an application's own {@link ClusterRouting} replaces it.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class, before = ImServerAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "im.cluster.enabled")
@EnableConfigurationProperties(ImClusterProperties.class)
public final class ImClusterAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ RedisConnectionFactory.class, ReactiveStringRedisTemplate.class })
    static class RedisRouting {

        @Bean
        @ConditionalOnMissingBean(ClusterRouting.class)
        RedisClusterRouting imClusterRouting(ImClusterProperties properties, RedisConnectionFactory connectionFactory) {
            if (!(connectionFactory instanceof ReactiveRedisConnectionFactory reactive)) {
                throw new IllegalStateException("im.cluster needs the Lettuce Redis client (spring.data.redis."
                        + "client-type=lettuce, the default); " + connectionFactory.getClass().getName()
                        + " cannot route messages without blocking");
            }
            return new RedisClusterRouting(properties.toSettings(), connectionFactory,
                    new ReactiveStringRedisTemplate(reactive));
        }
    }

    /** Enabled without Redis on the class path: say so rather than run as a single node unnoticed. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.data.redis.connection.RedisConnectionFactory")
    static class NoRedis {

        @Bean
        ClusterRouting imClusterRouting() {
            throw new IllegalStateException("im.cluster.enabled=true needs Spring Data Redis with Lettuce on the"
                    + " class path: add spring-boot-starter-data-redis");
        }
    }
}
