package io.imstarter.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How one node takes part in a cluster.
 *
 * @param nodeId this node's id, unique in the cluster
 * @param presenceTtl how long a user's presence outlives the last heartbeat of its node: the time after which the
 *     users of a node that died count as offline
 * @param heartbeat how often a node refreshes the presence of its users; well under {@code presenceTtl}
 * @param keyPrefix prefix of every key and channel the cluster uses, so that several clusters can share one Redis
 * @param operationTimeout how long a login, routing or kick waits for the cluster before it counts as failed
 * @param requestTimeout how long a server push to a user on another node waits for its outcome
 * @param maxPendingRequests server pushes to other nodes that may wait for their outcome at once
 */
public record ClusterSettings(String nodeId, Duration presenceTtl, Duration heartbeat, String keyPrefix,
        Duration operationTimeout, Duration requestTimeout, int maxPendingRequests) {

    public ClusterSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        if (nodeId.isBlank() || nodeId.contains(" ")) {
            throw new IllegalArgumentException("The cluster node id must be a non-blank word, not '" + nodeId + "'");
        }
        requirePositive("presenceTtl", presenceTtl);
        requirePositive("heartbeat", heartbeat);
        requirePositive("operationTimeout", operationTimeout);
        requirePositive("requestTimeout", requestTimeout);
        if (heartbeat.compareTo(presenceTtl) >= 0) {
            throw new IllegalArgumentException("The cluster heartbeat (" + heartbeat + ") must be shorter than the"
                    + " presence TTL (" + presenceTtl + "), or presence lapses between heartbeats");
        }
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (maxPendingRequests < 1) {
            throw new IllegalArgumentException("maxPendingRequests must be at least 1, not " + maxPendingRequests);
        }
    }

    /** A fresh random node id, for nodes that are not given one. */
    public static String randomNodeId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("The cluster's " + name + " must be positive, not " + value);
        }
    }
}
