package io.imstarter.server;

import io.imstarter.protocol.Packet;
import io.imstarter.qos.QosSendDaemon;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link C2cAckMode#RECEIVER}: the sender's ACK is the receiver's own, forwarded when it comes. Each message is
 * PENDING until then (copies the sender re-sends are dropped), DONE afterwards (a copy is ACKed again). A receiver
 * that is offline, whose write fails, or that does not ACK within {@code receiver-ack-timeout} or the QoS retries,
 * sends the message to the offline handler once; if stored, the sender gets the ACK on the receiver's behalf.
 */
final class ReceiverAckStrategy implements C2cAckStrategy {

    private final C2cRelay relay;
    private final C2cTracker tracker;
    private final QosSendDaemon<MessageKey> legs;
    private final long overdueCheckMillis;
    private volatile ScheduledFuture<?> overdueChecks;

    ReceiverAckStrategy(ImServerConfig config, C2cRelay relay) {
        this.relay = relay;
        ImServerConfig.Qos qos = config.getQos();
        this.tracker = new C2cTracker(qos.getDedupWindow(), qos.getReceiverAckTimeout(), qos.getMaxPending(),
                qos.getDedupMaxMemory().toBytes());
        this.legs = new QosSendDaemon<>("IM C2C receiver legs", qos, relay::resend, this::legsLost);
        this.overdueCheckMillis = Math.max(10, Math.min(250, qos.getReceiverAckTimeout().toMillis() / 10));
    }

    @Override
    public void start(ScheduledExecutorService scheduler) {
        legs.start(scheduler);
        overdueChecks = scheduler.scheduleWithFixedDelay(this::handOffOverdue, overdueCheckMillis,
                overdueCheckMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        legs.stop();
        if (overdueChecks != null) {
            overdueChecks.cancel(false);
        }
    }

    @Override
    public void route(Connection sender, Packet message) {
        // The session's id rather than the packet's equal copy: the tracker keeps it for the dedup window.
        MessageKey key = new MessageKey(sender.session().userId(), message.fp());
        C2cTracker.State tracked = tracker.startPending(key, message);
        if (tracked == C2cTracker.State.REFUSED) {
            relay.refuseFull(sender, message);
            return;
        }
        if (tracked != null) {
            relay.duplicateDropped();
            if (tracked == C2cTracker.State.DONE || tracked == C2cTracker.State.STORED) {
                relay.pseudoAck(message);
            }
            return;
        }
        if (!legs.hasCapacity()) {
            tracker.remove(key);
            relay.refuseFull(sender, message);
            return;
        }
        legs.track(key, message);
        relay.deliver(message.to(), message).exceptionally(failure -> {
            handOff(key, message);
            return null;
        });
    }

    /**
     * The first ACK of a PENDING message goes to the sender; an ACK of an untracked one is passed on as is. An ACK
     * of a message already handed off and stored marks the stored copy delivered; its sender had the pseudo-ACK.
     */
    @Override
    public void acknowledge(Packet ack) {
        MessageKey key = new MessageKey(ack.to(), ack.dataContent());
        C2cTracker.State was = tracker.acknowledge(key);
        if (was == null) {
            relay.forwardIfOnline(ack.to(), ack);
        }
        else if (was == C2cTracker.State.STORED) {
            relay.storedCopyAcknowledged(ack);
        }
        else if (was == C2cTracker.State.PENDING) {
            Packet delivered = legs.acknowledge(key);
            relay.forwardIfOnline(ack.to(), ack);
            if (delivered != null) {
                relay.delivered(delivered);
            }
        }
    }

    @Override
    public boolean awaitsAck(String receiver, String sender, String fp) {
        return tracker.awaitsAck(new MessageKey(sender, fp), receiver);
    }

    @Override
    public Duration effectiveDedupWindow() {
        return Duration.ofMillis(tracker.effectiveWindowMillis());
    }

    @Override
    public int pending() {
        return legs.pendingCount();
    }

    /** Messages whose receiver did not ACK within {@code receiver-ack-timeout}. */
    private void handOffOverdue() {
        for (Packet message : tracker.overdue()) {
            handOff(new MessageKey(message.from(), message.fp()), message);
        }
    }

    private void legsLost(List<Packet> lost) {
        relay.lost(lost);
        for (Packet message : lost) {
            handOff(new MessageKey(message.from(), message.fp()), message);
        }
    }

    /** The message will not be acknowledged live; let the offline handler decide, once. */
    private void handOff(MessageKey key, Packet message) {
        if (!tracker.transition(key, C2cTracker.State.PENDING, C2cTracker.State.HANDING_OFF)) {
            return;
        }
        legs.acknowledge(key);
        relay.handOff(message).thenAccept(stored -> {
            if (stored) {
                tracker.transition(key, C2cTracker.State.HANDING_OFF, C2cTracker.State.STORED);
                relay.pseudoAck(message);
            }
            else {
                tracker.remove(key);
            }
        });
    }
}
