package io.imstarter.sample;

import static io.imstarter.sample.ChatBrowsers.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The two-node run of docs/cluster.md, automated ({@link SampleClusterNodes}). Alice uses the chat page served by node a, bob the one
 * served by node b, in real headless Chromium windows.
 */
class ClusterChatBrowserIT {

    @TempDir
    static Path data;

    private static SampleClusterNodes cluster;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @RegisterExtension
    final ChatBrowsers browsers = new ChatBrowsers();

    @BeforeAll
    static void startTwoNodesOnOneRedisAndOneDatabase() throws IOException {
        ChatBrowsers.requireBrowser();
        cluster = new SampleClusterNodes(data);
        nodeA = cluster.a();
        nodeB = cluster.b();
    }

    @AfterAll
    static void stopNodesAndRedis() throws IOException {
        if (cluster != null) {
            cluster.close();
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

    private static int port(ConfigurableApplicationContext node) {
        return SampleClusterNodes.port(node);
    }

    private static RestCalls admin(ConfigurableApplicationContext node) {
        return SampleClusterNodes.admin(node);
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
