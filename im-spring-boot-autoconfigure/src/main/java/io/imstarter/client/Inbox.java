package io.imstarter.client;

import io.imstarter.protocol.Packet;
import io.imstarter.qos.DedupWindow;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's incoming type 2 messages: ACK each QoS one before handing it on, drop duplicates by (sender, fp),
 * and deliver the rest once, in arrival order, off the event loop (sections 9.1 and 9.3).
 */
final class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final DedupWindow seen;
    private final CallbackQueue callbacks;
    private final ListenerList listeners;

    Inbox(Duration dedupWindow, int dedupMaxEntries, CallbackQueue callbacks, ListenerList listeners) {
        this.seen = new DedupWindow(dedupWindow, dedupMaxEntries);
        this.callbacks = callbacks;
        this.listeners = listeners;
    }

    /** Takes a message that arrived on the client's current link; called on that link's event loop. */
    void received(Link from, Packet message, String me) {
        if (message.requiresAck()) {
            if (callbacks.messagesFull() && !seen.contains(message.from(), message.fp())) {
                // Not ACKed, so the sender re-sends it once the application has caught up.
                log.warn("{} ({}): the application is {} messages behind; fp={} left for its sender to re-send",
                        me, from, callbacks.messageCapacity(), message.fp());
                return;
            }
            from.write(message.ackFrom(me));
            if (!seen.firstSeen(message.from(), message.fp())) {
                return;
            }
        }
        else if (callbacks.messagesFull()) {
            log.warn("{} ({}): the application is {} messages behind; dropped a message without QoS from {}",
                    me, from, callbacks.messageCapacity(), message.from());
            return;
        }
        callbacks.executeMessage(() -> listeners.each(listener -> listener.onMessage(me, message)));
    }
}
