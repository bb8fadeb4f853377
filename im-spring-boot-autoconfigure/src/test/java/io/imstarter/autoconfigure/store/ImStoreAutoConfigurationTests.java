package io.imstarter.autoconfigure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.autoconfigure.group.ImGroupAutoConfiguration;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.server.MessageStoreOfflineHandler;
import io.imstarter.server.OfflineHandler;
import io.imstarter.server.ReplaySettings;
import io.imstarter.store.GroupMembership;
import io.imstarter.store.GroupStore;
import io.imstarter.store.MessageExpiry;
import io.imstarter.store.MessageStore;
import io.imstarter.store.StoreFullException;
import io.imstarter.store.StoredMessage;
import io.imstarter.store.jdbc.JdbcMessageStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.BadSqlGrammarException;

/** Wiring of the message store on a real embedded H2 database: defaults, back-off, switches, schema, handler. */
class ImStoreAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    ImStoreAutoConfiguration.class, ImServerAutoConfiguration.class,
                    ImStoreHealthContributorAutoConfiguration.class, ImStoreMetricsAutoConfiguration.class))
            .withPropertyValues("im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0");

    @Test
    void withADataSourceTheJdbcStoreItsSchemaExpiryOfflineHandlerHealthAndMetersAreDefined() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(JdbcMessageStore.class).hasSingleBean(ImStoreSchemaInitializer.class)
                    .hasSingleBean(MessageExpiry.class).hasSingleBean(ImStoreHealthIndicator.class)
                    .hasSingleBean(ImStoreMetrics.class).hasSingleBean(OfflineHandler.class);
            assertThat(context.getBean(OfflineHandler.class)).isInstanceOf(MessageStoreOfflineHandler.class);
            ImStoreProperties properties = context.getBean(ImStoreProperties.class);
            assertThat(properties.getMaxMessagesPerReceiver()).isEqualTo(10_000);
            assertThat(properties.getMaxAge()).isEqualTo(Duration.ofDays(7));
            assertThat(properties.getExpiryInterval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(properties.getInitializeSchema()).isEqualTo(DatabaseInitializationMode.EMBEDDED);
            assertThat(context.getBean(ReplaySettings.class)).isEqualTo(ReplaySettings.DEFAULTS);
        });
    }

    @Test
    void theExpiryAlsoExpiresGroupMessagesByTheSameMaxAge() {
        runner.withConfiguration(AutoConfigurations.of(ImGroupAutoConfiguration.class))
                .withPropertyValues("im.store.max-age=1ms").run(context -> {
                    GroupStore groups = context.getBean(GroupStore.class);
                    groups.create("old-team", "alice", 10);
                    groups.append("old-team", "alice", "fp-1", "soon gone", -1);

                    await().atMost(Duration.ofSeconds(5))
                            .until(() -> context.getBean(MessageExpiry.class).runOnce() == 1);

                    assertThat(groups.messagesAfter("old-team", 0, 10)).isEmpty();
                    assertThat(groups.members("old-team")).extracting(GroupMembership::deliveredSeq)
                            .containsExactly(1L);
                });
    }

    @Test
    void theOfflineHandlerReturnsTrueAndTheMessageIsThenStoredForTheReceiver() {
        runner.run(context -> {
            Packet message = Packet.of(PacketType.DATA, "hello", "alice", "bob", "fp-1", true, 9);

            assertThat(context.getBean(OfflineHandler.class).store(message)).isTrue();

            assertThat(context.getBean(MessageStore.class).undelivered("bob", 0, 10))
                    .extracting(StoredMessage::sender, StoredMessage::fp, StoredMessage::content, StoredMessage::typeu)
                    .containsExactly(tuple("alice", "fp-1", "hello", 9));
        });
    }

    @Test
    void theOfflineHandlerThrowsTheLimitForAFullReceiverAndRefusesAMessageWithoutFingerprint() {
        runner.withPropertyValues("im.store.max-messages-per-receiver=1").run(context -> {
            OfflineHandler handler = context.getBean(OfflineHandler.class);
            handler.store(Packet.of(PacketType.DATA, "first", "alice", "bob", "fp-1", true, -1));

            assertThatThrownBy(() -> handler.store(Packet.of(PacketType.DATA, "second", "alice", "bob", "fp-2", true,
                    -1))).isInstanceOfSatisfying(StoreFullException.class, full -> assertThat(full.limit()).isOne());
            assertThat(handler.store(Packet.of(PacketType.DATA, "no fp", "alice", "carol", null, false, -1)))
                    .isFalse();
            assertThat(context.getBean(MessageStore.class).countUndelivered("bob")).isEqualTo(1);
        });
    }

    @Test
    void theStoredCounterCountsWhatTheOfflineHandlerStored() {
        runner.run(context -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(ImStoreMetrics.class).bindTo(registry);

            context.getBean(OfflineHandler.class)
                    .store(Packet.of(PacketType.DATA, "hello", "alice", "bob", "fp-1", true, -1));

            assertThat(registry.get("im.store.stored").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("im.store.delivered").functionCounter().count()).isZero();
            assertThat(registry.get("im.store.expired").functionCounter().count()).isZero();
        });
    }

    @Test
    void anApplicationStoreReplacesTheJdbcStoreAndItsSchemaAndFeedsTheOfflineHandler() {
        runner.withUserConfiguration(UserStoreConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(MessageStore.class).hasBean("userStore")
                    .doesNotHaveBean(ImStoreSchemaInitializer.class);
            assertThat(context.getBean(OfflineHandler.class)).isInstanceOf(MessageStoreOfflineHandler.class);
        });
    }

    @Test
    void anApplicationOfflineHandlerWinsOverTheStoresAndTheServersDefault() {
        runner.withUserConfiguration(UserOfflineHandlerConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(OfflineHandler.class).hasSingleBean(MessageStore.class);
            assertThat(context.getBean(OfflineHandler.class)).isSameAs(UserOfflineHandlerConfiguration.HANDLER);
        });
    }

    @Test
    void disabledStoreLeavesTheServersRefusingDefault() {
        runner.withPropertyValues("im.store.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(MessageStore.class).doesNotHaveBean(MessageExpiry.class)
                    .doesNotHaveBean(ImStoreHealthIndicator.class);
            assertThat(context.getBean(OfflineHandler.class)).isSameAs(OfflineHandler.REFUSE_ALL);
        });
    }

    @Test
    void withoutADataSourceThereIsNoStore() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ImStoreAutoConfiguration.class,
                        ImServerAutoConfiguration.class, ImStoreHealthContributorAutoConfiguration.class))
                .withPropertyValues("im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(MessageStore.class);
                    assertThat(context.getBean(OfflineHandler.class)).isSameAs(OfflineHandler.REFUSE_ALL);
                });
    }

    @Test
    void healthIsUpWhenTheStoreAnswers() {
        runner.run(context -> assertThat(context.getBean(ImStoreHealthIndicator.class).health().getStatus())
                .isEqualTo(Status.UP));
    }

    @Test
    void withoutSchemaInitializationTheStoreFailsAndHealthIsDownWithTheReason() {
        runner.withPropertyValues("im.store.initialize-schema=never").run(context -> {
            MessageStore store = context.getBean(MessageStore.class);
            assertThatThrownBy(() -> store.append("bob", "alice", "fp", "m", -1))
                    .isInstanceOf(BadSqlGrammarException.class);

            Health health = context.getBean(ImStoreHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("error")).asString().containsIgnoringCase("im_message");
        });
    }

    @Test
    void aNonPositiveMaximumAgeFailsTheStartupWithAClearMessage() {
        runner.withPropertyValues("im.store.max-age=0s").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("must be positive"));
    }

    @Test
    void theExpiryThreadStopsWithTheContext() {
        Set<Thread> before = expiryThreads(); // other test classes' cached contexts may run stores of their own
        AtomicReference<Thread> ours = new AtomicReference<>();

        runner.run(context -> await().atMost(Duration.ofSeconds(5)).until(() -> {
            expiryThreads().stream().filter(thread -> !before.contains(thread)).findFirst().ifPresent(ours::set);
            return ours.get() != null;
        }));

        await().atMost(Duration.ofSeconds(5)).until(() -> !ours.get().isAlive());
    }

    private static Set<Thread> expiryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("im-store-expiry") && thread.isAlive())
                .collect(Collectors.toSet());
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStoreConfiguration {

        @Bean
        MessageStore userStore(DataSource dataSource) {
            return new JdbcMessageStore(dataSource, 5, Clock.systemUTC());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserOfflineHandlerConfiguration {

        static final OfflineHandler HANDLER = message -> true;

        @Bean
        OfflineHandler userOfflineHandler() {
            return HANDLER;
        }
    }
}
