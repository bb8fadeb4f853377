package io.imstarter.sample;

import static io.imstarter.sample.SampleClusterNodes.admin;
import static io.imstarter.sample.SampleClusterNodes.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 21: the sample's admin calls work across the cluster of docs/cluster.md ({@link SampleClusterNodes}): a push
 * or kick on one node reaches a user on the other, 404 comes only when no node has the user, and a kick for a while
 * holds on both nodes. The users are embedded clients logged in with {@code POST /api/loginConnect}.
 */
class ClusterAdminApiIT {

    @TempDir
    static Path data;

    private static SampleClusterNodes cluster;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoNodesOnOneRedisAndOneDatabase() throws IOException {
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
    void adminPushAndKickOnOneNodeReachAUserOnTheOtherAnd404OnlyWhenNoNodeHasIt() {
        RestCalls anonymousB = new RestCalls(port(nodeB));
        anonymousB.loginConnect("erin");
        RestCalls adminA = admin(nodeA);

        RestCalls.Answer pushed = adminA.post("/api/push", Map.of("userId", "erin", "msg", "from node a"));
        assertThat(pushed.status().value()).isEqualTo(200);
        assertThat(pushed.json()).containsEntry("acknowledged", true);
        RestCalls.Answer kicked = adminA.post("/api/kick", Map.of("userId", "erin", "reason", "from node a"));
        assertThat(kicked.status().value()).isEqualTo(200);
        assertThat(kicked.json()).containsEntry("kicked", true);

        for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    admin(node).post("/api/kick", Map.of("userId", "erin")).status().value()).isEqualTo(404));
            RestCalls.Answer nobody = admin(node).post("/api/push", Map.of("userId", "erin", "msg", "anyone?"));
            assertThat(nobody.status().value()).isEqualTo(404);
            assertThat(nobody.json().get("detail")).asString()
                    .contains("not online on the IM server (on any node of the cluster)");
        }
    }

    @Test
    void aKickForAWhileOnOneNodeRefusesTheUsersLoginsOnBothUntilItEnds() {
        new RestCalls(port(nodeA)).loginConnect("frank");

        RestCalls.Answer kicked = admin(nodeB).post("/api/kick", Map.of("userId", "frank",
                "refuseLoginsForSeconds", 8));

        assertThat(kicked.json()).containsEntry("kicked", true).containsKey("loginsRefusedUntil");
        for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
            RestCalls.Answer refused = new RestCalls(port(node)).post("/api/loginConnect",
                    Map.of("username", "frank", "password", RestCalls.PASSWORD));
            // 307 is only ever the answer while the kick lasts.
            assertThat(refused.json()).as("a new token during the kick").containsEntry("code", 307);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(new RestCalls(port(nodeB))
                .post("/api/loginConnect", Map.of("username", "frank", "password", RestCalls.PASSWORD)).json())
                .containsEntry("code", 0));
    }
}
