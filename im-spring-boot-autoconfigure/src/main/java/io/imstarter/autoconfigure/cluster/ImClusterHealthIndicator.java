package io.imstarter.autoconfigure.cluster;

import io.imstarter.cluster.OnlineCensus;
import io.imstarter.server.ImServer;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The cluster as this node sees it: its id, its own users, and the users online cluster-wide by node (counted up
 * to {@link OnlineCensus#MAX_COUNTED}). DOWN when Redis does not answer: the node then serves only its own users.
 * Each check lists the shared presence once, on the caller's thread, for at most five operation timeouts.
 */
public class ImClusterHealthIndicator extends AbstractHealthIndicator {

    private final ImServer server;

    public ImClusterHealthIndicator(ImServer server) {
        super("IM cluster health check failed");
        this.server = server;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OnlineCensus.Counts counts = OnlineCensus.Counts.of(
                server.clusterOnlineUsers(OnlineCensus.MAX_COUNTED).join(), OnlineCensus.MAX_COUNTED);
        builder.up().withDetail("node", server.nodeId().orElse(null))
                .withDetail("usersHere", server.onlineUsers().size())
                .withDetail("usersInCluster", counts.capped() ? counts.total() + "+" : counts.total())
                .withDetail("usersByNode", counts.byNode());
    }
}
