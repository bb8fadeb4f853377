package io.imstarter.server;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What every C2C route does the same way in both ACK modes: find the online user, forward with the server's time
 * stamp to each of its sessions, answer a sender on the receiver's behalf, refuse when the QoS queue is full, hand
 * off to the offline handler, and report to the listeners.
 */
final class C2cRelay {

    private final ImServerConfig config;
    private final SessionRegistry registry;
    private final ErrorReplies errors;
    private final Notifier notifier;
    private final OfflineHandoff offline;
    private final ImServerStats stats;
    private final OfflineReplay replay;
    private final ClusterRouting cluster;
    /** Told of every message its receiver got live (read receipts record them); a no-op without receipts. */
    private final Consumer<Packet> deliveredLive;

    C2cRelay(ImServerConfig config, SessionRegistry registry, ErrorReplies errors, Notifier notifier,
            OfflineHandoff offline, ImServerStats stats, OfflineReplay replay, ClusterRouting cluster,
            Consumer<Packet> deliveredLive) {
        this.config = config;
        this.registry = registry;
        this.errors = errors;
        this.notifier = notifier;
        this.offline = offline;
        this.stats = stats;
        this.replay = replay;
        this.cluster = cluster;
        this.deliveredLive = deliveredLive;
    }

    /** Whether the user has a session on this node. */
    boolean isOnline(String userId) {
        return registry.isOnline(userId);
    }

    /**
     * Writes to every session of the user on this node, or else through the cluster to the node that holds the
     * user; completes when one write succeeded, and fails when the user is online nowhere or every write fails.
     */
    CompletableFuture<Void> deliver(String userId, Packet packet) {
        Packet out = stamped(packet);
        List<Connection> targets = registry.connections(userId);
        if (targets.isEmpty()) {
            countSent(out);
            return cluster.forward(userId, out);
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>(targets.size());
        for (Connection target : targets) {
            countSent(out);
            writes.add(target.write(out));
        }
        return FirstSuccess.of(writes);
    }

    private Packet stamped(Packet packet) {
        return config.isStampServerTime() ? packet.withSm(System.currentTimeMillis()) : packet;
    }

    private void countSent(Packet packet) {
        stats.recordSent(packet.type() == PacketType.ACK ? MessageKind.ACK : MessageKind.C2C);
    }

    /**
     * Delivers to the user when online, here or on another node; a no-op otherwise. Nobody waits for the outcome,
     * so a user with one session here is written to without a future.
     */
    void forwardIfOnline(String userId, Packet packet) {
        List<Connection> targets = registry.connections(userId);
        if (targets.size() != 1) {
            deliver(userId, packet);
            return;
        }
        Packet out = stamped(packet);
        countSent(out);
        targets.get(0).writeAndForget(out);
    }

    /** The ACK a sender gets on the receiver's behalf: same shape as the receiver's own. */
    void pseudoAck(Packet message) {
        forwardIfOnline(message.from(), message.ackFrom(message.to()));
    }

    /** A receiver leg's re-send (QoS daemon). */
    void resend(Packet message) {
        stats.recordRetransmit();
        forwardIfOnline(message.to(), message);
    }

    /** Counts a copy of a message already known, which de-duplication kept from the receiver. */
    void duplicateDropped() {
        stats.recordDuplicateDropped();
    }

    void refuseFull(Connection sender, Packet message) {
        errors.send(sender, ErrorCode.RATE_LIMITED,
                "The server's QoS queue is full (" + config.getQos().getMaxPending() + " pending); retry later",
                message.fp());
    }

    /**
     * Completes with true when the offline handler stored the message (it notified StoredOffline or Undeliverable);
     * a stored message goes to its receiver's replay if the receiver is online.
     */
    CompletableFuture<Boolean> handOff(Packet message) {
        return offline.handOff(message).thenApply(stored -> {
            if (stored) {
                replay.stored(message);
                if (!registry.isOnline(message.to())) {
                    cluster.stored(message.to());
                }
            }
            return stored;
        });
    }

    /** Hands off and, when the handler stored the message, pseudo-ACKs the sender. */
    void handOffWithPseudoAck(Packet message) {
        handOff(message).thenAccept(stored -> {
            if (stored) {
                pseudoAck(message);
            }
        });
    }

    /** The receiver acknowledged a live copy of a message that the offline hand-off also stored. */
    void storedCopyAcknowledged(Packet ack) {
        replay.storedCopyAcknowledged(ack);
    }

    void delivered(Packet message) {
        deliveredLive.accept(message);
        notifier.notify("C2C delivered", listener -> listener.onC2CDelivered(message));
    }

    /** A message without QoS was written to its receiver. */
    void writtenWithoutQos(Packet message) {
        deliveredLive.accept(message);
    }

    void undeliverable(Packet message) {
        notifier.notify("undeliverable", listener -> listener.onC2CUndeliverable(message));
    }

    void lost(List<Packet> messages) {
        stats.recordLost(messages.size());
    }
}
