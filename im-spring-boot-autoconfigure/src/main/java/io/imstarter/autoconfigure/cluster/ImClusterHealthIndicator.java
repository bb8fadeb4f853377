package io.imstarter.autoconfigure.cluster;

import io.imstarter.cluster.ClusterPresence;
import io.imstarter.cluster.redis.RedisClusterRouting;
import io.imstarter.server.ImServer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The cluster as this node sees it: its id, its own users, and the users online cluster-wide by node (counted up
 * to {@link #MAX_COUNTED}). DOWN when Redis does not answer: the node then serves only its own users.
 */
public class ImClusterHealthIndicator extends AbstractHealthIndicator {

    /** Presence entries read per health check, so that a large cluster does not make it slow. */
    static final int MAX_COUNTED = 10_000;

    private final RedisClusterRouting routing;
    private final ImServer server;

    public ImClusterHealthIndicator(RedisClusterRouting routing, ImServer server) {
        super("IM cluster health check failed");
        this.routing = routing;
        this.server = server;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<ClusterPresence> online = routing.onlineUsers(MAX_COUNTED);
        Map<String, Integer> usersByNode = new TreeMap<>();
        online.forEach(presence -> usersByNode.merge(presence.nodeId(), 1, Integer::sum));
        builder.up().withDetail("node", routing.nodeId())
                .withDetail("usersHere", server.onlineUsers().size())
                .withDetail("usersInCluster", online.size() < MAX_COUNTED ? online.size() : MAX_COUNTED + "+")
                .withDetail("usersByNode", usersByNode);
    }
}
