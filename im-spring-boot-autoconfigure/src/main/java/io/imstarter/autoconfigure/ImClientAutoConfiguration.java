package io.imstarter.autoconfigure;

import io.imstarter.client.ImClientListener;
import io.imstarter.client.ImClientManager;
import io.imstarter.server.ImServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * The embedded client manager ({@code im.client.*}) on its own event loop group, scheduler and callback executor.
 * Without {@code im.client.servers} or {@code im.client.port} its clients connect to the embedded server's bound
 * port. The context closes the manager (and with it every client) before the resources it runs on.
 */
@AutoConfiguration(after = { ImServerAutoConfiguration.class, ImEventsAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "im.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ImProperties.class)
public final class ImClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ImClientResources imClientResources(ImProperties properties) {
        return new ImClientResources(properties.getEvents().getQueueCapacity());
    }

    @Bean
    @ConditionalOnMissingBean
    ImClientManager imClientManager(ImProperties properties, ImClientResources resources,
            ObjectProvider<ImServer> server, ObjectProvider<ImClientListener> listeners,
            ObjectProvider<ImEventPublisher> eventPublisher, ResourceLoader resourceLoader) {
        ImClientConfigFactory configFactory = new ImClientConfigFactory(new ClientSslContexts(resourceLoader));
        ImClientManager manager = new ImClientManager(
                configFactory.create(properties.getClient(), server.getIfAvailable()),
                resources.group(), resources.scheduler(), resources.callbackExecutor());
        listeners.orderedStream().forEach(manager::addListener);
        eventPublisher.ifAvailable(publisher -> manager.addListener(new ClientEventBridge(publisher)));
        return manager;
    }
}
