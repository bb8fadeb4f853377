package io.imstarter.server;

import io.imstarter.protocol.Packet;
import io.imstarter.qos.QosSendDaemon;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@link C2cAckMode#SERVER}: the server ACKs the sender (on the receiver's behalf) once the message is written to
 * the receiver, then re-sends to the receiver until it ACKs; a receiver that never does is reported undeliverable.
 * A receiver that is offline, or whose write fails, goes to the offline handler, which earns the sender its ACK.
 */
final class ServerAckStrategy implements C2cAckStrategy {

    private final C2cRelay relay;
    private final QosSendDaemon<MessageKey> legs;

    ServerAckStrategy(ImServerConfig config, C2cRelay relay) {
        this.relay = relay;
        this.legs = new QosSendDaemon<>("IM C2C receiver legs", config.getQos(), relay::resend, this::legsLost);
    }

    @Override
    public void start(ScheduledExecutorService scheduler) {
        legs.start(scheduler);
    }

    @Override
    public void stop() {
        legs.stop();
    }

    @Override
    public void route(Connection sender, Packet message) {
        if (!legs.hasCapacity()) {
            relay.refuseFull(sender, message);
            return;
        }
        relay.deliver(message.to(), message).whenComplete((ok, failure) -> {
            if (failure != null) {
                relay.handOffWithPseudoAck(message);
                return;
            }
            legs.track(new MessageKey(message.from(), message.fp()), message);
            relay.pseudoAck(message);
        });
    }

    /**
     * The sender has its ACK already; the receiver's only ends the leg, which lives on the sender's node: an ACK
     * for a leg not kept here goes there when the sender is not on this node.
     */
    @Override
    public void acknowledge(Packet ack) {
        Packet delivered = legs.acknowledge(new MessageKey(ack.to(), ack.dataContent()));
        if (delivered != null) {
            relay.delivered(delivered);
        }
        else if (!relay.isOnline(ack.to())) {
            relay.forwardIfOnline(ack.to(), ack);
        }
    }

    @Override
    public boolean awaitsAck(String receiver, String sender, String fp) {
        Packet relayed = legs.pendingPacket(new MessageKey(sender, fp));
        return relayed != null && receiver.equals(relayed.to());
    }

    @Override
    public int pending() {
        return legs.pendingCount();
    }

    private void legsLost(List<Packet> lost) {
        relay.lost(lost);
        lost.forEach(relay::undeliverable);
    }
}
