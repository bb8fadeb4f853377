package io.imstarter.autoconfigure;

import io.imstarter.client.ImClientConfig;
import io.imstarter.client.ImClientListener;
import io.imstarter.client.ImClientManager;
import io.imstarter.server.ImServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;

/**
 * The embedded client manager ({@code im.client.*}) on its own event loop group, scheduler and callback executor.
 * Without {@code im.client.servers} or {@code im.client.port} its clients connect to the embedded server's bound
 * port. The context closes the manager (and with it every client) before the resources it runs on.
 */
@AutoConfiguration(after = { ImServerAutoConfiguration.class, ImEventsAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "im.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ImEventsProperties.class)
@Import(DataSizeBinding.class)
public final class ImClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConfigurationProperties("im.client")
    ImClientConfig imClientConfig() {
        return new ImClientConfig();
    }

    @Bean
    @ConditionalOnMissingBean
    ImClientResources imClientResources(ImEventsProperties events) {
        return new ImClientResources(events.getQueueCapacity());
    }

    /** Validated where it is built, naming the {@code im.client.*} key of a value the core rejects. */
    @Bean
    @ConditionalOnMissingBean
    ImClientManager imClientManager(ImClientConfig config, ImClientResources resources,
            ObjectProvider<ImServer> server, ObjectProvider<ImClientListener> listeners,
            ObjectProvider<ImEventPublisher> eventPublisher, ResourceLoader resourceLoader) {
        config.sslContext(new ClientSslContexts(resourceLoader).create(config.getSsl()));
        ImServer embedded = server.getIfAvailable();
        boolean targetsEmbedded = EmbeddedServerTarget.applies(config, embedded);
        if (targetsEmbedded) {
            EmbeddedServerTarget.target(config, embedded);
        }
        ImClientManager manager = InvalidIm.translating("im.client.", () -> new ImClientManager(config,
                resources.group(), resources.scheduler(), resources.callbackExecutor()));
        if (targetsEmbedded) {
            EmbeddedServerTarget.checkAgainst(embedded.config(), config);
        }
        listeners.orderedStream().forEach(manager::addListener);
        eventPublisher.ifAvailable(publisher -> manager.addListener(new ClientEventBridge(publisher)));
        return manager;
    }
}
