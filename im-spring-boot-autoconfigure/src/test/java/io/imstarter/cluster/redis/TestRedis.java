package io.imstarter.cluster.redis;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import redis.embedded.RedisServer;

/**
 * The real Redis the cluster tests run against: the one named by {@code IM_TEST_REDIS_URL}
 * ({@code redis://host:port}) when set, otherwise a {@code redis-server} from the embedded-redis artifact, started
 * once per JVM on a free port without persistence (so a restart loses every key, the harder case).
 */
public final class TestRedis {

    public static final String URL_VARIABLE = "IM_TEST_REDIS_URL";
    /** Short, so that tests of a Redis outage do not wait for Lettuce's one-minute default. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private static TestRedis shared;

    private final String host;
    private final int port;
    private final RedisServer embedded;
    private long processId;

    private TestRedis(String host, int port, RedisServer embedded) {
        this.host = host;
        this.port = port;
        this.embedded = embedded;
    }

    public static synchronized TestRedis shared() {
        if (shared == null) {
            shared = launch();
        }
        return shared;
    }

    private static TestRedis launch() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url);
            return new TestRedis(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379, null);
        }
        try {
            int port = freePort();
            RedisServer server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                    .setting("save \"\"").setting("appendonly no").onShutdownForceStop(true).build();
            server.start();
            return new TestRedis("127.0.0.1", port, server);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the embedded redis-server", ex);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Whether this test run controls the server, and so can restart it. */
    boolean restartable() {
        return embedded != null;
    }

    /** Stops the embedded server; its keys are gone. */
    void stop() {
        try {
            embedded.stop();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Starts the embedded server again on the same port. */
    void start() {
        processId = 0;
        try {
            embedded.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Freezes the server process (SIGSTOP): connections stay open and nothing is answered. */
    void pause() {
        signal("-STOP");
    }

    /** Lets a paused server run again (SIGCONT); it answers what it was sent meanwhile. */
    void resume() {
        signal("-CONT");
    }

    /** Disconnects every Pub/Sub client ({@code CLIENT KILL TYPE pubsub}), as a proxy or a Redis failover would. */
    void killPubSubClients() {
        RedisClient client = RedisClient.create(RedisURI.create(host, port));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().clientKill(KillArgs.Builder.typePubsub());
        }
        finally {
            client.shutdown();
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(processId())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " failed with " + kill.exitValue());
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The server's process id, as it reports it ({@code INFO server}); read once, before any pause. */
    private synchronized long processId() {
        if (processId == 0) {
            LettuceConnectionFactory factory = connectionFactory();
            try (RedisConnection connection = factory.getConnection()) {
                processId = Long.parseLong(connection.serverCommands().info("server").getProperty("process_id"));
            }
            finally {
                factory.destroy();
            }
        }
        return processId;
    }

    /** A new, started Lettuce connection factory, as Spring Boot would make from {@code spring.data.redis.*}. */
    LettuceConnectionFactory connectionFactory() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port),
                LettuceClientConfiguration.builder().commandTimeout(COMMAND_TIMEOUT).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
