package io.imstarter.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.embedded.RedisServer;

/**
 * The two-node run of docs/cluster.md: two sample applications in this JVM as cluster nodes "a" and "b" on one real
 * Redis (a {@code redis-server} from the embedded-redis artifact, or {@code IM_TEST_REDIS_URL}) and one shared H2
 * file in H2's mixed mode, every port ephemeral.
 */
final class SampleClusterNodes implements AutoCloseable {

    /** The admin password of the test configuration ({@code config/application.yml}). */
    static final String ADMIN_PASSWORD = "test-admin-password";

    private RedisServer embeddedRedis;
    private final ConfigurableApplicationContext a;
    private final ConfigurableApplicationContext b;

    /** Starts Redis (unless given one) and both nodes, with the database file under {@code data}. */
    SampleClusterNodes(Path data) throws IOException {
        URI redis = redis();
        // What docs/cluster.md passes to both nodes, with the database file in a temporary directory.
        String[] shared = { "--im.cluster.enabled=true",
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("im-sample") + ";AUTO_SERVER=TRUE",
                "--spring.data.redis.host=" + redis.getHost(), "--spring.data.redis.port=" + redis.getPort(),
                "--spring.data.redis.timeout=2s", "--im.cluster.key-prefix=imtest-" + UUID.randomUUID() + ":",
                "--im.cluster.metrics-refresh=500ms", "--server.port=0", "--im.server.tcp.port=0",
                "--im.server.udp.port=0", "--im.server.websocket.port=0", "--sample.ack-wait=10s" };
        a = start(shared, "--im.cluster.node-id=a");
        b = start(shared, "--im.cluster.node-id=b");
    }

    ConfigurableApplicationContext a() {
        return a;
    }

    ConfigurableApplicationContext b() {
        return b;
    }

    @Override
    public void close() throws IOException {
        b.close();
        a.close();
        if (embeddedRedis != null) {
            embeddedRedis.stop();
        }
    }

    static int port(ConfigurableApplicationContext node) {
        return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    static RestCalls admin(ConfigurableApplicationContext node) {
        RestCalls anonymous = new RestCalls(port(node));
        return anonymous.withToken(anonymous.token("admin", ADMIN_PASSWORD));
    }

    private static ConfigurableApplicationContext start(String[] shared, String nodeId) {
        String[] args = Arrays.copyOf(shared, shared.length + 1);
        args[shared.length] = nodeId;
        return new SpringApplicationBuilder(SampleApplication.class).run(args);
    }

    private URI redis() throws IOException {
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
}
