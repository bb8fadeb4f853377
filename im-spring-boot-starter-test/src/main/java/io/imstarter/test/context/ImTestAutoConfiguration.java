package io.imstarter.test.context;

import io.imstarter.test.ImTestClients;
import io.imstarter.test.ImTestEvents;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The {@link ImTestClients} and {@link ImTestEvents} of an {@code @ImTest} or {@code @ImServerTest} context; closed with the context. */
@AutoConfiguration
public final class ImTestAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ImTestClients imTestClients(Environment environment, ApplicationContext context) {
        return new ImTestClients(environment, TestTokens.from(context));
    }

    @Bean
    @ConditionalOnMissingBean
    ImTestEvents imTestEvents() {
        return new ImTestEvents();
    }
}
