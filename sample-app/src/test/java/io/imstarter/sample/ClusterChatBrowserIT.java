package io.imstarter.sample;

import static io.imstarter.sample.ChatBrowsers.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.embedded.RedisServer;

/**
 * The two-node run of docs/cluster.md, automated: two sample applications in this JVM as cluster nodes "a" and "b"
 * on one real Redis (a {@code redis-server} from the embedded-redis artifact, or {@code IM_TEST_REDIS_URL}) and one
 * shared H2 file in H2's mixed mode, every port ephemeral. Alice uses the chat page served by node a, bob the one
 * served by node b, in real headless Chromium windows.
 */
class ClusterChatBrowserIT {

    private static final String ADMIN_PASSWORD = "test-admin-password";

    @TempDir
    static Path data;

    private static RedisServer embeddedRedis;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @RegisterExtension
    final ChatBrowsers browsers = new ChatBrowsers();

    @BeforeAll
    static void startTwoNodesOnOneRedisAndOneDatabase() throws IOException {
        ChatBrowsers.requireBrowser();
        URI redis = redis();
        // What docs/cluster.md passes to both nodes, with the database file in a temporary directory.
        String[] shared = { "--im.cluster.enabled=true",
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("im-sample") + ";AUTO_SERVER=TRUE",
                "--spring.data.redis.host=" + redis.getHost(), "--spring.data.redis.port=" + redis.getPort(),
                "--spring.data.redis.timeout=2s", "--im.cluster.key-prefix=imtest-" + UUID.randomUUID() + ":",
                "--im.cluster.metrics-refresh=500ms", "--server.port=0", "--im.server.tcp.port=0",
                "--im.server.udp.port=0", "--im.server.websocket.port=0", "--sample.ack-wait=10s" };
        nodeA = start(shared, "--im.cluster.node-id=a");
        nodeB = start(shared, "--im.cluster.node-id=b");
    }

    @AfterAll
    static void stopNodesAndRedis() throws IOException {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { nodeB, nodeA }) {
            if (node != null) {
                node.close();
            }
        }
        if (embeddedRedis != null) {
            embeddedRedis.stop();
        }
    }

    @Test
    void aliceOnNodeAAndBobOnNodeBChatBothWaysAndEitherNodeListsBothWithTheirNodes() {
        WebDriver alice = browsers.openChat(port(nodeA), "alice");
        WebDriver bob = browsers.openChat(port(nodeB), "bob");

        chat(alice, "alice", bob, "bob", "hi bob, this is node a");
        chat(bob, "bob", alice, "alice", "hello alice, from node b");

        for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
            List<Map<String, Object>> online = admin(node).get("/api/online").list();
            assertThat(online).filteredOn(user -> List.of("alice", "bob").contains(user.get("userId")))
                    .extracting(user -> user.get("userId"), user -> user.get("node"), user -> user.get("transport"))
                    .containsExactly(tuple("alice", "a", "WEBSOCKET"), tuple("bob", "b", "WEBSOCKET"));
        }
        // The node that holds a session knows its address; the other one only knows where it is.
        assertThat(user(admin(nodeA).get("/api/online").list(), "alice")).containsKey("remoteAddress")
                .extractingByKey("remoteAddress").isNotNull();
        assertThat(user(admin(nodeA).get("/api/online").list(), "bob")).containsEntry("remoteAddress", null);
    }

    @Test
    void healthAndMetricsOfEitherNodeCountTheUsersOfBoth() {
        browsers.openChat(port(nodeA), "carol");
        browsers.openChat(port(nodeB), "dave");

        for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
            RestCalls admin = admin(node);
            Map<String, Object> cluster = component(admin.get("/actuator/health").json(), "imCluster");
            assertThat(cluster).containsEntry("status", "UP");
            assertThat(details(cluster).get("usersByNode")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsKeys("a", "b");
            assertThat(details(component(admin.get("/actuator/health").json(), "im")))
                    .containsEntry("node", node == nodeA ? "a" : "b");
            // The gauge is counted in the background; the first scrapes may still read an older count.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    measurement(admin.get("/actuator/metrics/im.cluster.users").json())).isGreaterThanOrEqualTo(2));
            for (String id : List.of("a", "b")) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(measurement(admin
                        .get("/actuator/metrics/im.cluster.node.users?tag=node:" + id).json()))
                        .isGreaterThanOrEqualTo(1));
            }
        }
    }

    private static ConfigurableApplicationContext start(String[] shared, String nodeId) {
        String[] args = Arrays.copyOf(shared, shared.length + 1);
        args[shared.length] = nodeId;
        return new SpringApplicationBuilder(SampleApplication.class).run(args);
    }

    private static URI redis() throws IOException {
        String url = System.getenv("IM_TEST_REDIS_URL");
        if (url != null && !url.isBlank()) {
            return URI.create(url);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        embeddedRedis = RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("save \"\"")
                .setting("appendonly no").onShutdownForceStop(true).build();
        embeddedRedis.start();
        return URI.create("redis://127.0.0.1:" + port);
    }

    private static int port(ConfigurableApplicationContext node) {
        return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static RestCalls admin(ConfigurableApplicationContext node) {
        RestCalls anonymous = new RestCalls(port(node));
        return anonymous.withToken(anonymous.token("admin", ADMIN_PASSWORD));
    }

    private static Map<String, Object> user(List<Map<String, Object>> online, String userId) {
        return online.stream().filter(user -> userId.equals(user.get("userId"))).findFirst()
                .orElseThrow(() -> new AssertionError(userId + " is not in " + online));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> component(Map<String, Object> health, String name) {
        return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> component) {
        return (Map<String, Object>) component.get("details");
    }

    @SuppressWarnings("unchecked")
    private static double measurement(Map<String, Object> metric) {
        List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.get("measurements");
        return ((Number) measurements.get(0).get("value")).doubleValue();
    }
}
