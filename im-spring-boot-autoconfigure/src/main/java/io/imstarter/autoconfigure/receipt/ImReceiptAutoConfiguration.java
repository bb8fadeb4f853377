package io.imstarter.autoconfigure.receipt;

import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.autoconfigure.group.ImGroupAutoConfiguration;
import io.imstarter.autoconfigure.store.ImStoreAutoConfiguration;
import io.imstarter.receipt.ImReadState;
import io.imstarter.server.GroupSettings;
import io.imstarter.server.ReceiptSettings;
import io.imstarter.store.ReadPointerBuffer;
import io.imstarter.store.ReadStateStore;
import io.imstarter.store.jdbc.JdbcReadStateStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Read receipts and unread counts ({@code im.receipts.*}): the {@link ReceiptSettings}, a {@link JdbcReadStateStore}
 * in the application's {@link DataSource} (its table comes with the message store's schema script), the
 * {@link ReadPointerBuffer} that coalesces pointer writes (written out when the context closes, after the server
 * stopped), and {@link ImReadState}. The read state is there whenever the application has a DataSource; the wire
 * receipts only with {@code im.receipts.enabled=true}. Runs before {@link ImServerAutoConfiguration}, which hands
 * them to the server. An application's own {@link ReadStateStore} bean replaces the JDBC one.
 */
@AutoConfiguration(after = { ImStoreAutoConfiguration.class, ImGroupAutoConfiguration.class },
        before = ImServerAutoConfiguration.class)
public final class ImReceiptAutoConfiguration {

    @Bean
    @ConfigurationProperties("im.receipts")
    @ConditionalOnMissingBean
    ReceiptSettings imReceiptSettings() {
        return new ReceiptSettings();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean(ReadStateStore.class)
    ReadPointerBuffer imReadPointers(ReadStateStore store, ReceiptSettings settings) {
        settings.validate();
        return new ReadPointerBuffer(store, settings.getCoalesceInterval(), settings.getMaxPendingPointers());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ReadStateStore.class)
    ImReadState imReadState(ReadStateStore store, ReadPointerBuffer pointers, ReceiptSettings settings,
            ObjectProvider<GroupSettings> groups) {
        return new ImReadState(store, pointers, settings, groups.getIfAvailable());
    }

    /** The JDBC read state store, when the application has a DataSource and no read state store of its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcClient.class)
    @ConditionalOnBean(DataSource.class)
    static final class JdbcReadStateStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean(ReadStateStore.class)
        @DependsOnDatabaseInitialization
        JdbcReadStateStore imReadStateStore(DataSource dataSource) {
            return new JdbcReadStateStore(dataSource, Clock.systemUTC());
        }
    }
}
