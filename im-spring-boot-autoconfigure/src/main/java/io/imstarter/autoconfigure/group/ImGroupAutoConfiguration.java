package io.imstarter.autoconfigure.group;

import io.imstarter.autoconfigure.ImEventPublisher;
import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.autoconfigure.store.ImStoreAutoConfiguration;
import io.imstarter.event.ImGroupMembershipEvent;
import io.imstarter.group.GroupListener;
import io.imstarter.group.ImGroups;
import io.imstarter.server.GroupInterceptor;
import io.imstarter.server.GroupSettings;
import io.imstarter.store.GroupStore;
import io.imstarter.store.jdbc.JdbcGroupStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Group conversations ({@code im.group.*}): the {@link GroupSettings}, a {@link JdbcGroupStore} in the application's
 * {@link DataSource} (its tables come with the message store's schema script), the allow-all
 * {@link GroupInterceptor}, and {@link ImGroups}, whose membership changes are published as
 * {@link ImGroupMembershipEvent}s. Runs before {@link ImServerAutoConfiguration}, which hands the store to the
 * server. An application's own {@link GroupStore} bean replaces the JDBC one.
 */
@AutoConfiguration(after = ImStoreAutoConfiguration.class, before = ImServerAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "im.group.enabled", matchIfMissing = true)
public final class ImGroupAutoConfiguration {

    @Bean
    @ConfigurationProperties("im.group")
    @ConditionalOnMissingBean
    GroupSettings imGroupSettings() {
        return new GroupSettings();
    }

    @Bean
    @ConditionalOnMissingBean
    GroupInterceptor imGroupInterceptor() {
        return GroupInterceptor.ALLOW_ALL;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(GroupStore.class)
    ImGroups imGroups(GroupStore store, GroupSettings settings, ObjectProvider<ImEventPublisher> events) {
        settings.validate();
        ImEventPublisher publisher = events.getIfAvailable();
        GroupListener listener = publisher == null ? GroupListener.NONE
                : change -> publisher.publish(new ImGroupMembershipEvent(
                        ImGroupMembershipEvent.Change.valueOf(change.kind().name()), change.groupId(),
                        change.userId(), change.atSeq()));
        return new ImGroups(store, settings, listener);
    }

    /** The JDBC group store, when the application has a DataSource and no group store of its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcClient.class)
    @ConditionalOnBean(DataSource.class)
    static final class JdbcGroupStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean(GroupStore.class)
        @DependsOnDatabaseInitialization
        JdbcGroupStore imGroupStore(DataSource dataSource) {
            return new JdbcGroupStore(dataSource, Clock.systemUTC());
        }
    }
}
