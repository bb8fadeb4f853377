package io.imstarter.autoconfigure.store;

import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.server.MessageStoreOfflineHandler;
import io.imstarter.server.OfflineHandler;
import io.imstarter.server.ReplaySettings;
import io.imstarter.store.ExpiringStore;
import io.imstarter.store.GroupStore;
import io.imstarter.store.MessageExpiry;
import io.imstarter.store.LoginRevocations;
import io.imstarter.store.MessageStore;
import io.imstarter.store.jdbc.JdbcLoginRevocations;
import io.imstarter.store.jdbc.JdbcMessageStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The message store ({@code im.store.*}) in the application's {@link DataSource}: a {@link JdbcMessageStore}, its
 * schema, the background expiry (of group messages too, when there is a {@link GroupStore}), the {@link OfflineHandler} that stores messages for offline receivers, the
 * pace at which the server replays them ({@link ReplaySettings}), and the {@link LoginRevocations} that make kicks
 * hold on every node sharing the database.
 *
 * <p>Runs before {@link ImServerAutoConfiguration}, which hands the {@link MessageStore} to the server (store and
 * forward) and whose refuse-all offline handler then backs off. An application's own {@link MessageStore} bean
 * replaces ours; its own {@link OfflineHandler} bean decides what is stored, and the server still replays what the
 * store holds.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = ImServerAutoConfiguration.class)
@ConditionalOnClass({ JdbcClient.class, DataSourceScriptDatabaseInitializer.class })
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "im.store.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ImStoreProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class ImStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean({ ImStoreSchemaInitializer.class, MessageStore.class })
    ImStoreSchemaInitializer imStoreSchemaInitializer(DataSource dataSource, ImStoreProperties properties) {
        return new ImStoreSchemaInitializer(dataSource, properties);
    }

    @Bean
    @ConditionalOnMissingBean(MessageStore.class)
    @DependsOnDatabaseInitialization
    JdbcMessageStore imMessageStore(DataSource dataSource, ImStoreProperties properties) {
        return new JdbcMessageStore(dataSource, properties.getMaxMessagesPerReceiver(), Clock.systemUTC());
    }

    /** Kicks and token revocations beside the messages, in the tables the same schema script creates. */
    @Bean
    @ConditionalOnBean(JdbcMessageStore.class)
    @ConditionalOnMissingBean(LoginRevocations.class)
    @DependsOnDatabaseInitialization
    JdbcLoginRevocations imJdbcLoginRevocations(DataSource dataSource) {
        return new JdbcLoginRevocations(dataSource);
    }

    /** Expires C2C messages and, when there are groups, group messages by the same {@code im.store.max-age}. */
    @Bean(initMethod = "start")
    @ConditionalOnMissingBean
    MessageExpiry imMessageExpiry(MessageStore store, ObjectProvider<GroupStore> groups,
            ImStoreProperties properties) {
        List<ExpiringStore> stores = new ArrayList<>(List.of(store));
        groups.ifAvailable(stores::add);
        return new MessageExpiry(stores, properties.getMaxAge(), properties.getExpiryInterval(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    OfflineHandler imStoreOfflineHandler(MessageStore store) {
        return new MessageStoreOfflineHandler(store);
    }

    @Bean
    @ConditionalOnMissingBean
    ReplaySettings imReplaySettings(ImStoreProperties properties) {
        return new ReplaySettings(properties.getReplayBatchSize(), properties.getReplayWindow(),
                properties.getReplayWindowUdp());
    }
}
