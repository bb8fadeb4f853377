package io.imstarter.server;

import io.imstarter.protocol.Packet;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Relays client-to-client messages and their ACKs (section 9.5): a message without QoS is written once (or handed
 * off when the receiver is away); a QoS message and its ACK go to the strategy of the configured ACK mode.
 */
final class C2cRouter {

    private final C2cRelay relay;
    private final C2cAckStrategy qos;
    private final ImServerStats stats;
    private final ScheduledExecutorService scheduler;
    private final OfflineReplay replay;

    C2cRouter(C2cRelay relay, C2cAckStrategy qos, ImServerStats stats, ScheduledExecutorService scheduler,
            OfflineReplay replay) {
        this.relay = relay;
        this.qos = qos;
        this.stats = stats;
        this.scheduler = scheduler;
        this.replay = replay;
    }

    void start() {
        qos.start(scheduler);
        replay.start(scheduler);
    }

    void stop() {
        qos.stop();
        replay.stop();
    }

    int pending() {
        return qos.pending();
    }

    Duration effectiveDedupWindow() {
        return qos.effectiveDedupWindow();
    }

    /** Routes a type 2 whose {@code from} was checked and whose {@code to} is a user. */
    void route(Connection sender, Packet message) {
        stats.recordReceived(MessageKind.C2C);
        if (message.requiresAck()) {
            qos.route(sender, message);
            return;
        }
        relay.deliver(message.to(), message).whenComplete((written, failure) -> {
            if (failure == null) {
                relay.writtenWithoutQos(message);
            }
            else {
                relay.handOff(message);
            }
        });
    }

    /**
     * Whether a type 4 from {@code receiver} to {@code sender} answers a message this server sent it and waits for:
     * a replayed message, or a relayed QoS message still pending.
     */
    boolean awaitsAck(String receiver, String sender, String fp) {
        return replay.awaitsAck(receiver, sender, fp) || qos.awaitsAck(receiver, sender, fp);
    }

    /** Handles a type 4 from a receiver to another user: the ACK of a replayed message, or one for the ACK mode. */
    void acknowledge(Packet ack) {
        stats.recordReceived(MessageKind.ACK);
        if (!replay.acknowledge(ack)) {
            qos.acknowledge(ack);
        }
    }
}
