package io.imstarter.autoconfigure.health;

import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.ImServerStats;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when every enabled gateway of the {@link ImServer} is bound, DOWN otherwise (not started yet, stopped, or one
 * gateway stopped with {@code stopGateway}). Details: each enabled gateway's port, bound state and online sessions,
 * the QoS packets waiting for an ACK, and the connections refused by a cap or closed for a missed deadline, for
 * backpressure (slow consumers) or for flooding; in a cluster, this node's id first (the {@code imCluster} indicator
 * shows the other nodes).
 */
public class ImHealthIndicator extends AbstractHealthIndicator {

    private final ImServer server;

    public ImHealthIndicator(ImServer server) {
        super("IM server health check failed");
        this.server = server;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<Transport, Integer> sessions = server.sessionCounts();
        boolean allBound = true;
        Map<String, Object> gateways = new LinkedHashMap<>();
        for (Transport transport : Transport.values()) {
            ImServerConfig.Gateway gateway = server.config().gateway(transport);
            if (!gateway.isEnabled()) {
                continue;
            }
            boolean bound = server.isBound(transport);
            allBound &= bound;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("bound", bound);
            details.put("port", server.port(transport));
            details.put("sessions", sessions.getOrDefault(transport, 0));
            gateways.put(transport.key(), details);
        }
        if (allBound) {
            builder.up();
        }
        else {
            builder.down();
        }
        server.nodeId().ifPresent(node -> builder.withDetail("node", node));
        builder.withDetail("gateways", gateways)
                .withDetail("pendingQos", server.pendingQos())
                .withDetail("connections", connections(server.stats()));
    }

    /** Connections the server turned away or cut short, since it started. */
    private static Map<String, Object> connections(ImServerStats stats) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("refused", stats.refusedConnections());
        details.put("closedForLoginTimeout", stats.loginTimeouts());
        details.put("closedForFrameTimeout", stats.frameTimeouts());
        details.put("closedForBackpressure", stats.closedForBackpressure());
        details.put("closedForFlooding", stats.closedForFlooding());
        return details;
    }
}
