package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imstarter.client.ClientState;
import io.imstarter.client.ImClientConfig;
import io.imstarter.client.ImClientException;
import io.imstarter.client.ImClientManager;
import io.imstarter.protocol.ErrorCode;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Wiring of the embedded client manager: its own resources, switches, user beans, checks against the server. */
class ImClientAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ImEventsAutoConfiguration.class,
                    ImServerAutoConfiguration.class, ImClientAutoConfiguration.class))
            .withPropertyValues("im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0");

    @Test
    void defaultsCreateTheManagerOnItsOwnResources() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ImClientManager.class).hasSingleBean(ImClientResources.class);
            ImClientResources resources = context.getBean(ImClientResources.class);
            assertThat(resources.group()).isInstanceOf(MultiThreadIoEventLoopGroup.class);
            assertThat(context.getBean(ImClientManager.class).snapshot()).isEmpty();
        });
    }

    @Test
    void closingTheContextShutsTheResourcesDown() {
        ImClientResources[] resources = new ImClientResources[1];
        runner.run(context -> resources[0] = context.getBean(ImClientResources.class));
        assertThat(resources[0].group().isTerminated()).isTrue();
        assertThat(resources[0].scheduler().isTerminated()).isTrue();
    }

    @Test
    void closingTheContextClosesLoggedInClientsAndLeavesNoThreads() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        ImClientManager[] manager = new ImClientManager[1];
        runner.withPropertyValues("im.server.address=127.0.0.1", "im.server.shutdown-grace-period=0s")
                .run(context -> {
                    context.getBean(ImServerLifecycle.class).run();
                    manager[0] = context.getBean(ImClientManager.class);
                    assertThat(manager[0].login("closing", "token", null).get(10, TimeUnit.SECONDS).accepted())
                            .isTrue();
                    assertThat(manager[0].snapshot()).containsEntry("closing", ClientState.LOGGED_IN);
                });
        assertThat(manager[0].snapshot()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() -> assertThat(
                Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive()))
                .noneMatch(thread -> !thread.isDaemon() || thread.getName().startsWith("im-")));
    }

    @Test
    void aLoginBeforeTheEmbeddedServerListensFailsSayingSo() {
        runner.run(context -> assertThatThrownBy(() -> context.getBean(ImClientManager.class)
                .login("early", "token", null).join()).cause()
                .isInstanceOfSatisfying(ImClientException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCode.SERVER_ADDRESS_NOT_SET);
                    assertThat(ex.getMessage()).contains("embedded IM server's TCP gateway is not listening yet");
                }));
    }

    @Test
    void clientSwitchBacksOff() {
        runner.withPropertyValues("im.client.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(ImClientManager.class).doesNotHaveBean(ImClientResources.class));
    }

    @Test
    void worksWithoutTheServer() {
        runner.withPropertyValues("im.server.enabled=false", "im.client.port=9999")
                .run(context -> assertThat(context).hasSingleBean(ImClientManager.class));
    }

    @Test
    void userManagerWins() {
        runner.withBean("ownManager", ImClientManager.class, () -> {
            ImClientResources resources = new ImClientResources(16);
            return new ImClientManager(new ImClientConfig(), resources.group(), resources.scheduler(),
                    ForkJoinPool.commonPool());
        }).run(context -> assertThat(context).getBean(ImClientManager.class)
                .isSameAs(context.getBean("ownManager")));
    }

    @Test
    void keepAliveThatOutlastsTheServerIdleTimeoutFailsNamingTheProperty() {
        runner.withPropertyValues("im.server.tcp.idle-timeout=5s", "im.client.sense-mode=MODE_10S")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("im.client.keep-alive-interval")
                        .hasMessageContaining("im.server.tcp.idle-timeout"));
    }

    @Test
    void clientsOfAnotherServerAreNotCheckedAgainstTheEmbeddedOne() {
        runner.withPropertyValues("im.server.tcp.idle-timeout=5s", "im.client.sense-mode=MODE_10S",
                "im.client.host=im.example.com").run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(ImClientManager.class));
    }

    @Test
    void clientQosReportingLostBeforeTheServerGivesUpFailsNamingTheProperty() {
        runner.withPropertyValues("im.client.qos.max-retries=0", "im.client.qos.min-age=1s")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("im.client.qos")
                        .hasMessageContaining("im.server.qos.receiver-ack-timeout"));
    }

    @Test
    void impossibleClientValuesFailNamingTheProperty() {
        runner.withPropertyValues("im.client.dedup-max-entries=0").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("im.client.dedup-max-entries"));
        runner.withPropertyValues("im.client.max-frame-length=32B").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("im.client.max-frame-length"));
    }

    @Test
    void udpClientWithAStreamOnlySenseModeFails() {
        runner.withPropertyValues("im.client.transport=udp", "im.client.sense-mode=MODE_15S")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("MODE_15S"));
    }
}
