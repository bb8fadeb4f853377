package io.imstarter.autoconfigure;

import io.imstarter.server.ClusterRouting;
import io.imstarter.server.GatewayPipelineCustomizer;
import io.imstarter.server.GroupInterceptor;
import io.imstarter.server.GroupSettings;
import io.imstarter.server.ReceiptSettings;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerListener;
import io.imstarter.server.LoginVerifier;
import io.imstarter.server.MessageInterceptor;
import io.imstarter.server.OfflineHandler;
import io.imstarter.server.ReplaySettings;
import io.imstarter.store.GroupStore;
import io.imstarter.store.ReadPointerBuffer;
import io.imstarter.store.ReadStateStore;
import io.imstarter.store.InMemoryLoginRevocations;
import io.imstarter.store.LoginRevocations;
import io.imstarter.store.MessageStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * The IM server ({@code im.server.*}): an {@link ImServer} built from the properties, the {@link ImServerCustomizer}
 * and {@link GatewayPipelineCustomizer} beans and the strategy beans, and the {@link ImServerLifecycle} that binds
 * it after the context is refreshed. Every bean backs off when the application defines its own. With a
 * {@link MessageStore} bean the server stores and forwards (wire protocol section 10): it replays the store to
 * receivers that log in, at the pace of the {@link ReplaySettings} bean or the default one.
 */
@AutoConfiguration(after = ImEventsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "im.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ImProperties.class)
public final class ImServerAutoConfiguration {

    /** Accepts everyone; {@link ImServer#start()} logs a loud warning while this default is in use. */
    @Bean
    @ConditionalOnMissingBean
    LoginVerifier imLoginVerifier() {
        return LoginVerifier.ALLOW_ALL;
    }

    @Bean
    @ConditionalOnMissingBean
    MessageInterceptor imMessageInterceptor() {
        return MessageInterceptor.ALLOW_ALL;
    }

    @Bean
    @ConditionalOnMissingBean
    OfflineHandler imOfflineHandler() {
        return OfflineHandler.REFUSE_ALL;
    }

    /**
     * Kicks and token revocations in this server's memory; the message store's auto-configuration replaces them with
     * ones in its database, which every node of a cluster shares.
     */
    @Bean
    @ConditionalOnMissingBean
    LoginRevocations imLoginRevocations() {
        return new InMemoryLoginRevocations();
    }

    @Bean
    @ConditionalOnMissingBean
    ImServer imServer(ImProperties properties, ResourceLoader resourceLoader,
            ObjectProvider<ImServerCustomizer> customizers,
            ObjectProvider<GatewayPipelineCustomizer> pipelineCustomizers, LoginVerifier loginVerifier,
            MessageInterceptor messageInterceptor, OfflineHandler offlineHandler,
            ObjectProvider<ImServerListener> listeners, ObjectProvider<ImEventPublisher> eventPublisher,
            ObjectProvider<MessageStore> messageStore, ObjectProvider<ReplaySettings> replaySettings,
            ObjectProvider<ClusterRouting> cluster, LoginRevocations revocations,
            ObjectProvider<GroupStore> groupStore, ObjectProvider<GroupSettings> groupSettings,
            ObjectProvider<GroupInterceptor> groupInterceptor, ObjectProvider<ReceiptSettings> receiptSettings,
            ObjectProvider<ReadStateStore> readStateStore, ObjectProvider<ReadPointerBuffer> readPointers) {
        ImServerConfigFactory configFactory = new ImServerConfigFactory(new GatewaySslContexts(resourceLoader));
        ImServer.Builder builder = ImServer.builder(
                configFactory.create(properties.getServer(), customizers.orderedStream().toList()))
                .loginVerifier(loginVerifier)
                .messageInterceptor(messageInterceptor)
                .offlineHandler(offlineHandler)
                .loginRevocations(revocations);
        messageStore.ifAvailable(store -> builder.messageStore(store,
                replaySettings.getIfAvailable(() -> ReplaySettings.DEFAULTS)));
        pipelineCustomizers.orderedStream().forEach(builder::pipelineCustomizer);
        listeners.orderedStream().forEach(builder::listener);
        eventPublisher.ifAvailable(publisher -> builder.listener(new ServerEventBridge(publisher)));
        cluster.ifAvailable(builder::cluster);
        groupStore.ifAvailable(store -> builder.groups(store, groupSettings.getIfAvailable(GroupSettings::new))
                .groupInterceptor(groupInterceptor.getIfAvailable(() -> GroupInterceptor.ALLOW_ALL)));
        receiptSettings.ifAvailable(settings -> builder.readReceipts(readStateStore.getIfAvailable(),
                readPointers.getIfAvailable(), settings));
        return InvalidIm.translating("im.server.", ImServerConfigFactory.KEYS, builder::build);
    }

    @Bean
    @ConditionalOnMissingBean
    ImServerLifecycle imServerLifecycle(ImServer server, ConfigurableEnvironment environment) {
        return new ImServerLifecycle(server, environment);
    }
}
