package io.imstarter.autoconfigure;

import io.imstarter.server.ClusterRouting;
import io.imstarter.server.GroupInterceptor;
import io.imstarter.server.GroupSettings;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.ImServerListener;
import io.imstarter.server.LoginVerifier;
import io.imstarter.server.MessageInterceptor;
import io.imstarter.server.OfflineHandler;
import io.imstarter.server.ReceiptSettings;
import io.imstarter.server.ReplaySettings;
import io.imstarter.server.ServerTransport;
import io.imstarter.server.netty.GatewayPipelineCustomizer;
import io.imstarter.server.netty.NettyTransport;
import io.imstarter.store.GroupStore;
import io.imstarter.store.InMemoryLoginRevocations;
import io.imstarter.store.LoginRevocations;
import io.imstarter.store.MessageStore;
import io.imstarter.store.ReadPointerBuffer;
import io.imstarter.store.ReadStateStore;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * The IM server ({@code im.server.*}): an {@link ImServer} built from the {@link ImServerConfig} bound to
 * {@code im.server}, the {@link ImServerCustomizer} beans, the {@link ServerTransport} (Netty's, with TLS from
 * {@code im.server.<transport>.ssl} and the {@link GatewayPipelineCustomizer} beans) and the strategy beans, and the
 * {@link ImServerLifecycle} that binds it after the context is refreshed. Every bean backs off when the application
 * defines its own. With a {@link MessageStore} bean the server stores and forwards (wire protocol
 * section 10): it replays the store to receivers that log in, at the pace of the {@link ReplaySettings} bean or the
 * default one.
 */
@AutoConfiguration(after = ImEventsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "im.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties
@Import(DataSizeBinding.class)
public final class ImServerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConfigurationProperties("im.server")
    ImServerConfig imServerConfig() {
        return new ImServerConfig();
    }

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

    /** Netty, speaking TLS on the stream gateways whose {@code ssl.enabled} is set. */
    @Bean
    @ConditionalOnMissingBean(ServerTransport.class)
    NettyTransport imServerTransport(ImServerConfig config, ResourceLoader resourceLoader,
            ObjectProvider<GatewayPipelineCustomizer> pipelineCustomizers) {
        NettyTransport transport = new NettyTransport();
        GatewaySslContexts sslContexts = new GatewaySslContexts(resourceLoader);
        for (ImServerConfig.StreamGateway gateway : List.of(config.getTcp(), config.getWebsocket())) {
            String prefix = "im.server." + gateway.transport().key() + ".ssl.";
            if (gateway.getSsl().isEnabled()) {
                transport.sslContext(gateway.transport(), sslContexts.create(prefix, gateway.getSsl()));
            }
        }
        pipelineCustomizers.orderedStream().forEach(transport::pipelineCustomizer);
        return transport;
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

    /** Validated where it is built, naming the {@code im.server.*} key of a value the core rejects. */
    @Bean
    @ConditionalOnMissingBean
    ImServer imServer(ImServerConfig config, ServerTransport transport, ObjectProvider<ImServerCustomizer> customizers,
            LoginVerifier loginVerifier,
            MessageInterceptor messageInterceptor, OfflineHandler offlineHandler,
            ObjectProvider<ImServerListener> listeners, ObjectProvider<ImEventPublisher> eventPublisher,
            ObjectProvider<MessageStore> messageStore, ObjectProvider<ReplaySettings> replaySettings,
            ObjectProvider<ClusterRouting> cluster, LoginRevocations revocations,
            ObjectProvider<GroupStore> groupStore, ObjectProvider<GroupSettings> groupSettings,
            ObjectProvider<GroupInterceptor> groupInterceptor, ObjectProvider<ReceiptSettings> receiptSettings,
            ObjectProvider<ReadStateStore> readStateStore, ObjectProvider<ReadPointerBuffer> readPointers) {
        customizers.orderedStream().forEach(customizer -> customizer.customize(config));
        ImServer.Builder builder = ImServer.builder(config)
                .transport(transport)
                .loginVerifier(loginVerifier)
                .messageInterceptor(messageInterceptor)
                .offlineHandler(offlineHandler)
                .loginRevocations(revocations);
        messageStore.ifAvailable(store -> builder.messageStore(store,
                replaySettings.getIfAvailable(() -> ReplaySettings.DEFAULTS)));
        listeners.orderedStream().forEach(builder::listener);
        eventPublisher.ifAvailable(publisher -> builder.listener(new ServerEventBridge(publisher)));
        cluster.ifAvailable(builder::cluster);
        groupStore.ifAvailable(store -> builder.groups(store, groupSettings.getIfAvailable(GroupSettings::new))
                .groupInterceptor(groupInterceptor.getIfAvailable(() -> GroupInterceptor.ALLOW_ALL)));
        receiptSettings.ifAvailable(settings -> builder.readReceipts(readStateStore.getIfAvailable(),
                readPointers.getIfAvailable(), settings));
        return InvalidIm.translating("im.server.", builder::build);
    }

    @Bean
    @ConditionalOnMissingBean
    ImServerLifecycle imServerLifecycle(ImServer server, ConfigurableEnvironment environment) {
        return new ImServerLifecycle(server, environment);
    }
}
