package io.imstarter.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/** Publishes IM server and client notifications as Spring application events ({@code im.events.*}). */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "im.events.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ImEventsProperties.class)
public final class ImEventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ImEventPublisher imEventPublisher(ApplicationEventPublisher publisher, ImEventsProperties events) {
        InvalidIm.atLeastOne("im.events.threads", events.getThreads());
        InvalidIm.atLeastOne("im.events.queue-capacity", events.getQueueCapacity());
        return new ImEventPublisher(publisher, events.getThreads(), events.getQueueCapacity());
    }

    /** Static: event listener factories are looked up while the bean factory is still being prepared. */
    @Bean
    static IsolatingEventListenerFactory imIsolatingEventListenerFactory() {
        return new IsolatingEventListenerFactory();
    }
}
