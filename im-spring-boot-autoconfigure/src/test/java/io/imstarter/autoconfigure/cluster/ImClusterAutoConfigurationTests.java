package io.imstarter.autoconfigure.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.cluster.redis.RedisClusterRouting;
import io.imstarter.cluster.redis.TestRedis;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ClusterRouting;
import io.imstarter.server.ImServer;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.TcpRawClient;
import io.imstarter.testsupport.Wire;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code im.cluster.*}: off by default, on with Boot's own Redis connection, backing off, failing clearly. */
class ImClusterAutoConfigurationTests {

    private final String prefix = "imtest-" + UUID.randomUUID() + ":";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    ImClusterAutoConfiguration.class, ImServerAutoConfiguration.class,
                    ImClusterHealthContributorAutoConfiguration.class, ImClusterMetricsAutoConfiguration.class))
            .withPropertyValues("im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0",
                    "im.server.bind-address=127.0.0.1",
                    "spring.data.redis.host=" + TestRedis.shared().host(),
                    "spring.data.redis.port=" + TestRedis.shared().port(),
                    "spring.data.redis.timeout=2s", "im.cluster.key-prefix=" + prefix);

    @Test
    void aSingleNodeNeedsNoClusterAndNoRedis() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ClusterRouting.class)
                .doesNotHaveBean(ImClusterProperties.class).doesNotHaveBean(ImClusterHealthIndicator.class)
                .doesNotHaveBean(ImClusterMetrics.class));
    }

    @Test
    void enabledClusterUsesBootsRedisConnectionAndTheConfiguredNodeId() {
        runner.withPropertyValues("im.cluster.enabled=true", "im.cluster.node-id=node-7",
                "im.cluster.presence-ttl=6s", "im.cluster.heartbeat=1s").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RedisClusterRouting.class);
                    RedisClusterRouting routing = context.getBean(RedisClusterRouting.class);
                    assertThat(routing.nodeId()).contains("node-7");
                    assertThat(routing.settings().presenceTtl()).hasSeconds(6);
                    assertThat(routing.settings().keyPrefix()).isEqualTo(prefix);
                });
    }

    @Test
    void nodesWithoutAConfiguredIdGetDifferentRandomOnes() {
        ApplicationContextRunner enabled = runner.withPropertyValues("im.cluster.enabled=true");
        String[] ids = new String[2];
        enabled.run(first -> ids[0] = first.getBean(RedisClusterRouting.class).settings().nodeId());
        enabled.run(second -> ids[1] = second.getBean(RedisClusterRouting.class).settings().nodeId());
        assertThat(ids[0]).isNotBlank().isNotEqualTo(ids[1]);
    }

    @Test
    void twoApplicationContextsActAsOneServerAndHealthAndMetricsShowTheUsersOfBoth() {
        runner.withPropertyValues("im.cluster.enabled=true", "im.cluster.node-id=a",
                "im.cluster.metrics-refresh=200ms").run(a -> runner
                .withPropertyValues("im.cluster.enabled=true", "im.cluster.node-id=b").run(b -> {
                    a.getBean(ImServer.class).start();
                    b.getBean(ImServer.class).start();
                    try (RawClient alice = client(a); RawClient bob = client(b)) {
                        assertThat(alice.login("alice", "t", 0).code()).isZero();
                        assertThat(bob.login("bob", "t", 0).code()).isZero();
                        Packet message = Wire.data("alice", "bob", "from context a", true);
                        alice.send(message);
                        bob.awaitPacket(Expect.dataWithFp(message.fp()));
                        bob.send(Wire.ack("bob", "alice", message.fp()));
                        alice.awaitPacket(Expect.ackOf(message.fp()));
                        Health health = a.getBean(ImClusterHealthIndicator.class).health(true);
                        assertThat(health.getStatus()).isEqualTo(Status.UP);
                        assertThat(health.getDetails()).containsEntry("node", "a").containsEntry("usersHere", 1)
                                .containsEntry("usersInCluster", 2)
                                .containsEntry("usersByNode", Map.of("a", 1, "b", 1));
                        MeterRegistry meters = new SimpleMeterRegistry();
                        a.getBean(ImClusterMetrics.class).bindTo(meters);
                        // The first scrapes start the count in the background and read what is there so far.
                        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                            assertThat(meters.get("im.cluster.users").gauge().value()).isEqualTo(2);
                            assertThat(meters.get("im.cluster.node.users").tag("node", "a").gauge().value())
                                    .isEqualTo(1);
                            assertThat(meters.get("im.cluster.node.users").tag("node", "b").gauge().value())
                                    .isEqualTo(1);
                        });
                    }
                    finally {
                        a.getBean(ImServer.class).stop();
                        b.getBean(ImServer.class).stop();
                    }
                }));
    }

    private static RawClient client(ConfigurableApplicationContext context) {
        ImServer server = context.getBean(ImServer.class);
        return new TcpRawClient(new InetSocketAddress("127.0.0.1", server.port(Transport.TCP)));
    }

    @Test
    void anApplicationsOwnRoutingReplacesTheRedisOne() {
        runner.withPropertyValues("im.cluster.enabled=true")
                .withBean(ClusterRouting.class, () -> ClusterRouting.SINGLE_NODE)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisClusterRouting.class));
    }

    @Test
    void aHeartbeatNoShorterThanThePresenceTtlFailsWithAClearMessage() {
        runner.withPropertyValues("im.cluster.enabled=true", "im.cluster.heartbeat=20s").run(context -> assertThat(
                context).hasFailed().getFailure().rootCause().hasMessageContaining("heartbeat")
                .hasMessageContaining("presence TTL"));
    }

    @Test
    void onePerTransportSessionsInAClusterFailStartupNamingTheProperty() {
        runner.withPropertyValues("im.cluster.enabled=true", "im.server.session.duplicate-login=one-per-transport")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, failure -> {
                            assertThat(failure.getName()).isEqualTo("im.server.session.duplicate-login");
                            assertThat(failure.getReason()).contains("cluster").contains("newest-wins");
                        }));
    }

    @Test
    void enablingTheClusterWithoutSpringDataRedisFailsWithAClearMessage() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ImClusterAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
                .withPropertyValues("im.cluster.enabled=true")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("spring-boot-starter-data-redis"));
    }
}
