package io.imstarter.chat.optional;

import static io.imstarter.test.ImAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.chat.ChatApplication;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImTestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import redis.embedded.RedisServer;

/**
 * Two nodes of the application in this JVM, routing through one real Redis. The test's context holds only Boot's
 * {@link DataRedisConnectionDetails}, as a {@code @ServiceConnection} Redis container would make it (no Docker here,
 * so the bean points at an embedded redis-server); no {@code spring.data.redis.*} property is set anywhere.
 */
@Tag("optional-dependencies")
@SpringJUnitConfig(TwoNodeClusterTest.RedisConnection.class)
class TwoNodeClusterTest {

    private static RedisServer redis;

    private static int redisPort;

    @Autowired
    private DataRedisConnectionDetails redisConnection;

    @BeforeAll
    static void startRedis() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            redisPort = probe.getLocalPort();
        }
        redis = RedisServer.newRedisServer().bind("127.0.0.1").port(redisPort).setting("save \"\"")
                .setting("appendonly no").onShutdownForceStop(true).build();
        redis.start();
    }

    @AfterAll
    static void stopRedis() throws IOException {
        redis.stop();
    }

    @Test
    void aliceOnOneNodeReachesBobOnTheOther() {
        try (ImTestCluster cluster = ImTestCluster.start(2, ChatApplication.class, redisConnection)) {
            assertThat(cluster.node(0).getBean(ImServer.class).nodeId())
                    .isPresent().isNotEqualTo(cluster.node(1).getBean(ImServer.class).nodeId());
            ImTestClient alice = cluster.clients(0).login("alice");
            ImTestClient bob = cluster.clients(1).login("bob", Transport.WEBSOCKET);

            String fp = alice.send("bob", "across nodes");

            assertThat(bob).received("across nodes").from("alice");
            alice.awaitAck(fp);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RedisConnection {

        @Bean
        DataRedisConnectionDetails redisConnectionDetails() {
            return new DataRedisConnectionDetails() {
                @Override
                public Standalone getStandalone() {
                    return Standalone.of("127.0.0.1", redisPort);
                }
            };
        }
    }
}
