package io.imstarter.server;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.UserIds;
import io.imstarter.qos.DedupWindow;

/**
 * Messages to the server (to "0", section 9.4): handed to the listeners once, then ACKed when QoS asks for it. A
 * copy the sender re-sends within the dedup window is ACKed again and not handed over twice; a message the
 * application had no room for is refused (305) and not ACKed, so the sender retries.
 */
final class C2sReceiver {

    private final Notifier notifier;
    private final ErrorReplies errors;
    private final ImServerStats stats;
    private final DedupWindow received;

    C2sReceiver(ImServerConfig config, Notifier notifier, ErrorReplies errors, ImServerStats stats) {
        this.notifier = notifier;
        this.errors = errors;
        this.stats = stats;
        this.received = new DedupWindow(config.getQos().getDedupWindow(), config.getQos().getDedupMaxEntries());
    }

    /** Called on the connection's serial inbox with a type 2 to "0" from its logged-in user. */
    void receive(Connection connection, Packet message) {
        stats.recordReceived(MessageKind.C2S);
        SessionInfo sender = connection.session();
        boolean qos = message.requiresAck();
        if (qos && received.contains(message.from(), message.fp())) {
            stats.recordDuplicateDropped();
            connection.writeAndForget(message.ackFrom(UserIds.SERVER));
            return;
        }
        if (!notifier.offerC2S(listener -> listener.onC2SReceived(message, sender))) {
            errors.send(connection, ErrorCode.RATE_LIMITED, "The application's message queue is full; retry later",
                    message.fp());
            return;
        }
        if (qos) {
            received.firstSeen(message.from(), message.fp());
            connection.writeAndForget(message.ackFrom(UserIds.SERVER));
        }
    }
}
