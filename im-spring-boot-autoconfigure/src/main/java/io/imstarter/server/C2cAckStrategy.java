package io.imstarter.server;

import io.imstarter.protocol.Packet;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How QoS C2C messages and their ACKs are relayed in one {@link C2cAckMode} (section 9.5). Each strategy owns the
 * per-message state of its mode: the receiver legs it re-sends and, in receiver mode, the dedup tracker.
 */
interface C2cAckStrategy {

    /** The strategy for the configured mode. */
    static C2cAckStrategy of(ImServerConfig config, C2cRelay relay) {
        return switch (config.getQos().getC2cAckMode()) {
            case SERVER -> new ServerAckStrategy(config, relay);
            case RECEIVER -> new ReceiverAckStrategy(config, relay);
        };
    }

    void start(ScheduledExecutorService scheduler);

    void stop();

    /** Relays a QoS type 2 whose sender was checked and whose receiver is a user. */
    void route(Connection sender, Packet message);

    /** Handles a type 4 from a receiver to the original sender. */
    void acknowledge(Packet ack);

    /** Whether a QoS message {@code fp} from {@code sender} was relayed to {@code receiver} and waits for its ACK. */
    boolean awaitsAck(String receiver, String sender, String fp);

    /**
     * How far back this mode recognises a copy of a message it relayed, as its memory allows now; zero when it keeps
     * no such memory (server mode: the receiver de-duplicates).
     */
    default Duration effectiveDedupWindow() {
        return Duration.ZERO;
    }

    /** Receiver legs waiting for an ACK. */
    int pending();
}
