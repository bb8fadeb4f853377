package io.imstarter.cluster.redis;

import io.imstarter.server.ClusterNode;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/**
 * Hands the group notes other nodes publish on the cluster's group channel to this node, on the cluster's inbound
 * thread. A note is {@code <node> <seq> <groupId>}: the group's message {@code seq} is committed; this node's own
 * notes are skipped, its fan-out already has them.
 */
final class GroupChannelListener implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(GroupChannelListener.class);

    private final String nodeId;
    private final ClusterNode node;

    GroupChannelListener(String nodeId, ClusterNode node) {
        this.nodeId = nodeId;
        this.node = node;
    }

    static String note(String nodeId, String groupId, long seq) {
        return nodeId + " " + seq + " " + groupId;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String note = new String(message.getBody(), StandardCharsets.UTF_8);
        String[] parts = note.split(" ", 3);
        try {
            if (parts.length == 3 && !parts[0].equals(nodeId)) {
                node.groupAdvanced(parts[2], Long.parseLong(parts[1]));
            }
        }
        catch (RuntimeException ex) {
            log.warn("IM cluster: ignored a group note it cannot handle: {}", ex.toString());
        }
    }
}
