package io.imstarter.bench.scenario;

import static io.imstarter.bench.scenario.TestServers.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.imstarter.bench.cli.Options;
import io.imstarter.bench.report.ClusterReport;
import io.imstarter.bench.report.RunReport;
import io.imstarter.bench.server.BenchCluster;
import io.imstarter.bench.server.BenchServer;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** Two bench servers joined through a real redis-server, and c2c runs whose pairs span both nodes. */
class ClusterC2cScenarioTest {

    private static RedisServer redis;
    private static String redisUrl;

    /**
     * On a free port; the port is picked from the ephemeral range, which load generators on this machine use too,
     * so one that was taken again before Redis bound it is replaced by another.
     */
    @BeforeAll
    static void startRedis() throws IOException {
        for (int attempt = 1; ; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("save \"\"")
                    .setting("appendonly no").onShutdownForceStop(true).build();
            try {
                redis.start();
                redisUrl = "redis://127.0.0.1:" + port;
                return;
            }
            catch (IOException ex) {
                if (attempt == 5) {
                    throw ex;
                }
            }
        }
    }

    @AfterAll
    static void stopRedis() throws IOException {
        redis.stop();
    }

    @Test
    void pairsAcrossTwoNodesInBothDirectionsDeliverEveryMessageOnceAndMergeIntoOneRun() throws Exception {
        try (Node a = new Node("a"); Node b = new Node("b")) {
            int portA = a.server.port(Transport.TCP);
            int portB = b.server.port(Transport.TCP);
            CompletableFuture<RunReport> aToB = run("ab", portA, portB);
            CompletableFuture<RunReport> bToA = run("ba", portB, portA);
            List<Map<String, Object>> runs = List.of(json(aToB.get()), json(bToA.get()));

            // each process put its 3 senders on one node and their receivers on the other
            assertThat(a.server.stats().loginsSucceeded()).isEqualTo(6);
            assertThat(b.server.stats().loginsSucceeded()).isEqualTo(6);
            for (Map<String, Object> run : runs) {
                assertThat(number(run.get("acked"))).as(run::toString).isEqualTo(120);
                assertThat(number(run.get("received"))).as(run::toString).isEqualTo(120);
                assertThat(number(run.get("duplicates_received"))).as(run::toString).isZero();
            }
            Map<String, Object> merged = ClusterReport.merge(runs, "cross");
            assertThat(number(merged.get("processes"))).isEqualTo(2);
            assertThat(number(merged.get("connections"))).isEqualTo(12);
            assertThat(number(merged.get("sent"))).isEqualTo(240);
            assertThat(number(merged.get("acked"))).isEqualTo(240);
            assertThat(number(merged.get("lost"))).isZero();
            assertThat(number(merged.get("ack_count"))).isEqualTo(240);
            assertThat((Double) merged.get("ack_p99_ms")).isGreaterThanOrEqualTo((Double) merged.get("ack_p50_ms"))
                    .isPositive();
            assertThat((Double) merged.get("acked_per_s")).isCloseTo(
                    (Double) runs.get(0).get("acked_per_s") + (Double) runs.get(1).get("acked_per_s"), within(1e-6));
            assertThat(merged).containsKey("cpu_share_generator");
            assertThat(ClusterReport.merge(runs, "other")).isEmpty();
        }
    }

    @Test
    void rejectsAPeerHostWithoutPeerPortAndANodeIdWithoutRedis() {
        Options peerHost = TestServers.options("peer-host", "127.0.0.2");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new C2cScenario(GeneratorSettings.from(peerHost), peerHost))
                .withMessage("--peer-host needs --peer-port");
        Options watch = TestServers.options("cpu-of", "a=12");
        assertThatIllegalArgumentException().isThrownBy(() -> new C2cScenario(GeneratorSettings.from(watch), watch))
                .withMessageStartingWith("--cpu-of takes name:pid pairs");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BenchCluster.from(TestServers.options("node-id", "a")))
                .withMessage("--node-id needs --cluster-redis");
    }

    private static CompletableFuture<RunReport> run(String prefix, int senders, int receivers) {
        Options options = TestServers.options("port", Integer.toString(senders), "peer-port",
                Integer.toString(receivers), "pairs", "3", "window", "4", "max-messages", "120", "duration", "60s",
                "drain", "20s", "label", "cross", "user-prefix", prefix);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new C2cScenario(GeneratorSettings.from(options), options).run();
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    /** The run as {@code cluster-report} reads it back from its JSON line. */
    private static Map<String, Object> json(RunReport report) {
        return new Gson().fromJson(report.toJson(), new TypeToken<Map<String, Object>>() { }.getType());
    }

    /** A bench server on ephemeral ports, one node of the cluster on the test's Redis. */
    private static final class Node implements AutoCloseable {

        private final BenchCluster cluster;
        private final ImServer server;

        Node(String id) {
            Options options = TestServers.options("packets-per-second", "100000", "packet-burst", "100000",
                    "cluster-redis", redisUrl, "node-id", id);
            cluster = BenchCluster.from(options).orElseThrow();
            server = BenchServer.create(options, 0, 0, 0, cluster.routing());
            server.start();
        }

        @Override
        public void close() {
            server.stop();
            cluster.close();
        }
    }
}
