package io.imstarter.autoconfigure.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.autoconfigure.ImEventsAutoConfiguration;
import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.autoconfigure.ImServerLifecycle;
import io.imstarter.autoconfigure.store.ImStoreAutoConfiguration;
import io.imstarter.event.ImGroupMembershipEvent;
import io.imstarter.event.ImGroupMessageEvent;
import io.imstarter.group.ImGroups;
import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.GroupCopyFrom;
import io.imstarter.server.GroupInterceptor;
import io.imstarter.server.GroupSettings;
import io.imstarter.server.ImServer;
import io.imstarter.store.GroupStore;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.TcpRawClient;
import io.imstarter.testsupport.Wire;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Group conversations through the auto-configuration: settings, the JDBC store, ImGroups, events, the veto. */
class ImGroupAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    ImStoreAutoConfiguration.class, ImGroupAutoConfiguration.class, ImEventsAutoConfiguration.class,
                    ImServerAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:im-groups-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "im.server.address=127.0.0.1", "im.server.tcp.port=0", "im.server.udp.enabled=false",
                    "im.server.websocket.enabled=false", "im.server.shutdown-grace-period=0s");

    @Test
    void defaultsComeFromTheSettingsFieldsAndImGroupsWorksOnTheApplicationsDatabase() {
        runner.run(context -> {
            GroupSettings settings = context.getBean(GroupSettings.class);
            assertThat(settings.getAddressPrefix()).isEqualTo("g:");
            assertThat(settings.getCopyFrom()).isEqualTo(GroupCopyFrom.GROUP);
            assertThat(settings.getMaxMembers()).isEqualTo(500);
            assertThat(settings.getMaxGroupsPerUser()).isEqualTo(1000);
            assertThat(settings.getMaxReplayPerGroup()).isEqualTo(1000);
            assertThat(context.getBean(GroupInterceptor.class)).isSameAs(GroupInterceptor.ALLOW_ALL);
            ImGroups groups = context.getBean(ImGroups.class);
            groups.create("team", "alice");
            assertThat(groups.addMember("team", "bob").joinedSeq()).isZero();
            assertThat(groups.groupsOf("bob")).extracting(m -> m.groupId()).containsExactly("team");
        });
    }

    @Test
    void propertiesBindToTheOneSettingsClass() {
        runner.withPropertyValues("im.group.address-prefix=grp/", "im.group.copy-from=sender",
                "im.group.max-members=3", "im.group.max-replay-per-group=7").run(context -> {
                    GroupSettings settings = context.getBean(GroupSettings.class);
                    assertThat(settings.getAddressPrefix()).isEqualTo("grp/");
                    assertThat(settings.getCopyFrom()).isEqualTo(GroupCopyFrom.SENDER);
                    assertThat(settings.getMaxMembers()).isEqualTo(3);
                    assertThat(settings.getMaxReplayPerGroup()).isEqualTo(7);
                    assertThat(context.getBean(ImGroups.class).address("x")).isEqualTo("grp/x");
                });
    }

    @Test
    void aBadValueFailsTheStartupNamingTheSetting() {
        runner.withPropertyValues("im.group.max-members=1").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessage("group.maxMembers must be at least 2, got 1"));
    }

    @Test
    void turnedOffThereIsNoGroupStoreAndNoImGroups() {
        runner.withPropertyValues("im.group.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(GroupStore.class).doesNotHaveBean(ImGroups.class);
            assertThat(context).hasSingleBean(ImServer.class);
        });
    }

    @Test
    void membershipChangesAndMessagesArePublishedAndTheVetoRefusesWithItsReason() {
        runner.withUserConfiguration(Recorder.class).run(context -> {
            context.getBean(ImServerLifecycle.class).run();
            ImGroups groups = context.getBean(ImGroups.class);
            Recorder recorder = context.getBean(Recorder.class);
            groups.create("team", "alice");
            groups.addMember("team", "bob");
            try (RawClient alice = loggedIn(context, "alice"); RawClient bob = loggedIn(context, "bob")) {
                Packet hello = Wire.data("alice", "g:team", "hello", true);
                alice.send(hello);
                alice.awaitPacket(Expect.ackOf(hello.fp()));
                bob.awaitPacket(Expect.dataWithFp(hello.fp()));
                Packet muted = Wire.data("alice", "g:team", "shout", true);
                alice.send(muted);
                Packet error = alice.awaitPacket(Expect.error(ErrorCode.REFUSED));
                assertThat(Expect.errorOf(error).errorMsg()).isEqualTo("no shouting fp=" + muted.fp());
            }
            await().untilAsserted(() -> {
                assertThat(recorder.messages).extracting(ImGroupMessageEvent::content).containsExactly("hello");
                assertThat(recorder.changes).extracting(ImGroupMembershipEvent::change).containsExactly(
                        ImGroupMembershipEvent.Change.CREATED, ImGroupMembershipEvent.Change.JOINED);
            });
        });
    }

    private static RawClient loggedIn(ApplicationContext context, String userId) {
        RawClient client = new TcpRawClient(
                new InetSocketAddress("127.0.0.1", context.getBean(ImServer.class).port(Transport.TCP)));
        assertThat(client.login(userId, "tk", 0).code()).isZero();
        return client;
    }

    @Configuration(proxyBeanMethods = false)
    static class Recorder {

        final List<ImGroupMessageEvent> messages = new CopyOnWriteArrayList<>();
        final List<ImGroupMembershipEvent> changes = new CopyOnWriteArrayList<>();

        @Bean
        GroupInterceptor noShouting() {
            return (groupId, message, sender) -> "shout".equals(message.dataContent()) ? "no shouting" : null;
        }

        @EventListener
        void on(ImGroupMessageEvent event) {
            messages.add(event);
        }

        @EventListener
        void on(ImGroupMembershipEvent event) {
            changes.add(event);
        }
    }
}
