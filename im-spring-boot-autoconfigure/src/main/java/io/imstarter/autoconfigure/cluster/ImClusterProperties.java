package io.imstarter.autoconfigure.cluster;

import io.imstarter.cluster.ClusterSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Several IM servers acting as one ({@code im.cluster.*}), on the Redis of {@code spring.data.redis.*}. The field
 * initializers are the defaults, also of a node built in plain Java ({@code new ImClusterProperties().toSettings()}).
 */
@ConfigurationProperties("im.cluster")
public class ImClusterProperties {

    /** Whether this server is one node of a cluster on Redis; a single node needs no Redis. */
    private boolean enabled;

    /** This node's id, unique in the cluster; a random one when not set. */
    private String nodeId;

    /** How long a user's presence outlives its node's last heartbeat: how soon a dead node's users count as offline. */
    private Duration presenceTtl = Duration.ofSeconds(15);

    /** Time between two refreshes of the presence of this node's users; must be shorter than the presence TTL. */
    private Duration heartbeat = Duration.ofSeconds(5);

    /** Prefix of the cluster's Redis keys and channels, so that several clusters can share one Redis. */
    private String keyPrefix = "im:";

    /** Maximum wait for Redis in a login, a routed message or a kick before it counts as failed. */
    private Duration operationTimeout = Duration.ofSeconds(2);

    /** Maximum wait for the outcome of a server push to a user on another node. */
    private Duration requestTimeout = Duration.ofSeconds(30);

    /** Maximum server pushes to other nodes waiting for their outcome at once. */
    private int maxPendingRequests = 10_000;

    /** How old the cluster-wide online counts of the metrics may get before a scrape has them counted again. */
    private Duration metricsRefresh = Duration.ofSeconds(10);

    /** The settings of this node, with a random id when none is configured. */
    public ClusterSettings toSettings() {
        String id = nodeId == null || nodeId.isBlank() ? ClusterSettings.randomNodeId() : nodeId;
        return new ClusterSettings(id, presenceTtl, heartbeat, keyPrefix, operationTimeout, requestTimeout,
                maxPendingRequests);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    public Duration getPresenceTtl() {
        return presenceTtl;
    }

    public void setPresenceTtl(Duration presenceTtl) {
        this.presenceTtl = presenceTtl;
    }

    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public Duration getOperationTimeout() {
        return operationTimeout;
    }

    public void setOperationTimeout(Duration operationTimeout) {
        this.operationTimeout = operationTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxPendingRequests() {
        return maxPendingRequests;
    }

    public void setMaxPendingRequests(int maxPendingRequests) {
        this.maxPendingRequests = maxPendingRequests;
    }

    public Duration getMetricsRefresh() {
        return metricsRefresh;
    }

    public void setMetricsRefresh(Duration metricsRefresh) {
        this.metricsRefresh = metricsRefresh;
    }
}
