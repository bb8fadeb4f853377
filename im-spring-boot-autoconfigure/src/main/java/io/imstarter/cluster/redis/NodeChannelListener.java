package io.imstarter.cluster.redis;

import io.imstarter.cluster.ClusterMessage;
import io.imstarter.cluster.DisplacementWaits;
import io.imstarter.cluster.MissedDisplacements;
import io.imstarter.cluster.PendingPushes;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.server.ClusterNode;
import io.imstarter.server.KickReason;
import io.imstarter.server.S2CSendException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/** Handles what other nodes publish on this node's channel, one message at a time on the cluster's inbound thread. */
final class NodeChannelListener implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(NodeChannelListener.class);

    private final ClusterNode node;
    private final PendingPushes pushes;
    private final MissedDisplacements displacements;
    private final DisplacementWaits displacementWaits;
    private final BiConsumer<String, ClusterMessage> replies;

    NodeChannelListener(ClusterNode node, PendingPushes pushes, MissedDisplacements displacements,
            DisplacementWaits displacementWaits, BiConsumer<String, ClusterMessage> replies) {
        this.node = node;
        this.pushes = pushes;
        this.displacements = displacements;
        this.displacementWaits = displacementWaits;
        this.replies = replies;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String json = new String(message.getBody(), StandardCharsets.UTF_8);
        try {
            handle(ClusterMessage.fromJson(json));
        }
        catch (MalformedPacketException | RuntimeException ex) {
            log.warn("IM cluster: ignored a message it cannot handle: {}", ex.toString());
        }
    }

    private void handle(ClusterMessage message) throws MalformedPacketException {
        switch (message.kind()) {
            case DATA -> node.deliver(message.decodePacket());
            case ACK -> node.acknowledge(message.decodePacket());
            case S2C -> push(message);
            case S2C_RESULT -> pushes.complete(message);
            case KICK -> node.kick(message.userId(), message.text());
            case DISPLACE -> displace(message);
            case DISPLACED -> displacementWaits.confirmed(message.requestId());
            case STORED -> node.storedFor(message.userId());
        }
    }

    /** Ends the displaced session (now, or as it registers), then lets the winner's node register its own. */
    private void displace(ClusterMessage message) {
        displacements.displace(node, message.userId(), message.firstLoginTime(), KickReason.valueOf(message.reason()));
        if (message.replyTo() != null) {
            replies.accept(message.replyTo(), ClusterMessage.displaced(message.requestId()));
        }
    }

    /** Sends to the local user and reports the outcome to the node whose application asked. */
    private void push(ClusterMessage request) {
        node.send(request.userId(), request.content(), request.typeu(), request.qos(), request.fp())
                .whenComplete((fp, failure) -> replies.accept(request.replyTo(), outcome(request, fp, failure)));
    }

    private static ClusterMessage outcome(ClusterMessage request, String fp, Throwable failure) {
        if (failure == null) {
            return ClusterMessage.s2cResult(request.requestId(), fp, null, null);
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof S2CSendException sendFailure) {
            return ClusterMessage.s2cResult(request.requestId(), sendFailure.fingerprint(),
                    sendFailure.reason().name(), sendFailure.getMessage());
        }
        return ClusterMessage.s2cResult(request.requestId(), request.fp(), S2CSendException.Reason.WRITE_FAILED.name(),
                cause.toString());
    }
}
