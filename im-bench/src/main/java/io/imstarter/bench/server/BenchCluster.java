package io.imstarter.bench.server;

import io.imstarter.autoconfigure.cluster.ImClusterProperties;
import io.imstarter.bench.cli.Options;
import io.imstarter.cluster.redis.RedisClusterRouting;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The bench server's membership of a cluster ({@code --cluster-redis=redis://host:port}, {@code --node-id}): the
 * starter's {@link RedisClusterRouting} on a Lettuce connection made here, as Spring Boot would make it from
 * {@code spring.data.redis.*}, with the cluster's defaults otherwise.
 */
public final class BenchCluster implements AutoCloseable {

    /** As docs/cluster.md advises: Lettuce's one-minute default would hide a stalled Redis. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final LettuceConnectionFactory connection;
    private final RedisClusterRouting routing;

    private BenchCluster(URI redis, String nodeId) {
        if (!"redis".equals(redis.getScheme()) || redis.getHost() == null) {
            throw new IllegalArgumentException("--cluster-redis must look like redis://host:port, got " + redis);
        }
        connection = new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.getHost(),
                redis.getPort() > 0 ? redis.getPort() : 6379),
                LettuceClientConfiguration.builder().commandTimeout(COMMAND_TIMEOUT).build());
        connection.afterPropertiesSet();
        connection.start();
        ImClusterProperties defaults = new ImClusterProperties();
        defaults.setNodeId(nodeId);
        routing = new RedisClusterRouting(defaults.toSettings(), connection,
                new ReactiveStringRedisTemplate(connection));
    }

    /** The cluster membership the options ask for; empty for a single node (no {@code --cluster-redis}). */
    public static Optional<BenchCluster> from(Options options) {
        String redis = options.string("cluster-redis", "");
        String nodeId = options.string("node-id", "");
        if (redis.isEmpty()) {
            if (!nodeId.isEmpty()) {
                throw new IllegalArgumentException("--node-id needs --cluster-redis");
            }
            return Optional.empty();
        }
        // A blank id becomes a random one, as im.cluster.node-id does.
        return Optional.of(new BenchCluster(URI.create(redis), nodeId));
    }

    public RedisClusterRouting routing() {
        return routing;
    }

    /** Closes the Redis connection; call after the server stopped, which makes the node leave the cluster. */
    @Override
    public void close() {
        connection.destroy();
    }
}
