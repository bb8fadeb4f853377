package io.imstarter.server;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.qos.QosSendDaemon;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Relays client-to-client messages and their ACKs (section 9.5) in either ACK mode, with the receiver leg in a
 * send daemon and the offline hand-off for messages nobody acknowledged.
 */
final class C2cRouter {

    private final ImServerConfig config;
    private final SessionRegistry registry;
    private final ErrorReplies errors;
    private final Notifier notifier;
    private final OfflineHandoff offline;
    private final ImServerStats stats;
    private final ScheduledExecutorService scheduler;
    private final C2cTracker tracker;
    private final QosSendDaemon<MessageKey> legs;
    private volatile ScheduledFuture<?> ackTimeouts;

    C2cRouter(ImServerConfig config, SessionRegistry registry, ErrorReplies errors, Notifier notifier,
            OfflineHandoff offline, ImServerStats stats, ScheduledExecutorService scheduler) {
        this.config = config;
        this.registry = registry;
        this.errors = errors;
        this.notifier = notifier;
        this.offline = offline;
        this.stats = stats;
        this.scheduler = scheduler;
        this.tracker = new C2cTracker(config.dedupWindow(), config.receiverAckTimeout(), config.dedupMaxEntries());
        this.legs = new QosSendDaemon<>("IM C2C receiver legs", config.qos(), this::resend, this::legsLost);
    }

    void start() {
        legs.start(scheduler);
        long every = Math.max(10, Math.min(250, config.receiverAckTimeout().toMillis() / 10));
        ackTimeouts = scheduler.scheduleWithFixedDelay(this::handOffOverdue, every, every, TimeUnit.MILLISECONDS);
    }

    void stop() {
        legs.stop();
        if (ackTimeouts != null) {
            ackTimeouts.cancel(false);
        }
    }

    /** Receiver mode: messages whose receiver did not ACK within {@code receiver-ack-timeout} go to the handler. */
    private void handOffOverdue() {
        for (Packet message : tracker.overdue()) {
            handOff(new MessageKey(message.from(), message.fp()), message);
        }
    }

    int pending() {
        return legs.pendingCount();
    }

    /** Routes a type 2 whose {@code from} was checked and whose {@code to} is a user. */
    void route(Connection sender, Packet message) {
        stats.recordReceived(MessageKind.C2C);
        if (!message.requiresAck()) {
            Connection target = registry.get(message.to());
            if (target == null) {
                offline.handOff(message);
                return;
            }
            forward(target, message).exceptionally(failure -> {
                offline.handOff(message);
                return null;
            });
            return;
        }
        if (config.c2cAckMode() == C2cAckMode.SERVER) {
            routeInServerMode(sender, message);
        }
        else {
            routeInReceiverMode(sender, message);
        }
    }

    /** Handles a type 4 from a receiver to another user. */
    void acknowledge(Packet ack) {
        stats.recordReceived(MessageKind.ACK);
        MessageKey key = new MessageKey(ack.to(), ack.dataContent());
        if (config.c2cAckMode() == C2cAckMode.SERVER) {
            Packet delivered = legs.acknowledge(key);
            if (delivered != null) {
                notifier.notify("C2C delivered", listener -> listener.onC2CDelivered(delivered));
            }
            return;
        }
        C2cTracker.State state = tracker.state(key);
        if (state == null) {
            Connection sender = registry.get(ack.to());
            if (sender != null) {
                forward(sender, ack);
            }
            return;
        }
        if (tracker.transition(key, C2cTracker.State.PENDING, C2cTracker.State.DONE)) {
            Packet delivered = legs.acknowledge(key);
            Connection sender = registry.get(ack.to());
            if (sender != null) {
                forward(sender, ack);
            }
            if (delivered != null) {
                notifier.notify("C2C delivered", listener -> listener.onC2CDelivered(delivered));
            }
        }
    }

    private void routeInServerMode(Connection sender, Packet message) {
        Connection target = registry.get(message.to());
        if (target == null) {
            handOffWithPseudoAck(message);
            return;
        }
        if (!legs.hasCapacity()) {
            refuseFull(sender, message);
            return;
        }
        forward(target, message).whenComplete((ok, failure) -> {
            if (failure != null) {
                handOffWithPseudoAck(message);
                return;
            }
            legs.track(new MessageKey(message.from(), message.fp()), message);
            pseudoAck(message);
        });
    }

    private void routeInReceiverMode(Connection sender, Packet message) {
        MessageKey key = new MessageKey(message.from(), message.fp());
        C2cTracker.State state = tracker.state(key);
        if (state == C2cTracker.State.DONE) {
            pseudoAck(message);
            return;
        }
        if (state != null) {
            return;
        }
        if (!legs.hasCapacity()) {
            refuseFull(sender, message);
            return;
        }
        if (!tracker.startPending(key, message)) {
            return;
        }
        Connection target = registry.get(message.to());
        if (target == null) {
            handOff(key, message);
            return;
        }
        legs.track(key, message);
        forward(target, message).exceptionally(failure -> {
            handOff(key, message);
            return null;
        });
    }

    /** Receiver mode: the message will not be acknowledged live; let the offline handler decide, once. */
    private void handOff(MessageKey key, Packet message) {
        if (!tracker.transition(key, C2cTracker.State.PENDING, C2cTracker.State.HANDING_OFF)) {
            return;
        }
        legs.acknowledge(key);
        offline.handOff(message).thenAccept(stored -> {
            if (stored) {
                tracker.transition(key, C2cTracker.State.HANDING_OFF, C2cTracker.State.DONE);
                pseudoAck(message);
            }
            else {
                tracker.remove(key);
            }
        });
    }

    private void handOffWithPseudoAck(Packet message) {
        offline.handOff(message).thenAccept(stored -> {
            if (stored) {
                pseudoAck(message);
            }
        });
    }

    private void legsLost(List<Packet> lost) {
        stats.recordLost(lost.size());
        for (Packet message : lost) {
            if (config.c2cAckMode() == C2cAckMode.SERVER) {
                notifier.notify("undeliverable", listener -> listener.onC2CUndeliverable(message));
            }
            else {
                handOff(new MessageKey(message.from(), message.fp()), message);
            }
        }
    }

    private void resend(Packet message) {
        Connection target = registry.get(message.to());
        stats.recordRetransmit();
        if (target != null) {
            forward(target, message);
        }
    }

    /** The ACK a sender gets on the receiver's behalf: same shape as the receiver's own. */
    private void pseudoAck(Packet message) {
        Connection sender = registry.get(message.from());
        if (sender != null) {
            forward(sender, message.ackFrom(message.to()));
        }
    }

    private void refuseFull(Connection sender, Packet message) {
        errors.send(sender, ErrorCode.RATE_LIMITED,
                "The server's QoS queue is full (" + config.qos().maxPending() + " pending); retry later",
                message.fp());
    }

    private CompletableFuture<Void> forward(Connection target, Packet packet) {
        Packet stamped = config.stampServerTime() ? packet.withSm(System.currentTimeMillis()) : packet;
        stats.recordSent(packet.type() == PacketType.ACK ? MessageKind.ACK : MessageKind.C2C);
        return target.write(stamped);
    }
}
