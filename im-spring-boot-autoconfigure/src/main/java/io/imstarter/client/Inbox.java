package io.imstarter.client;

import io.imstarter.protocol.GroupEnvelope;
import io.imstarter.protocol.Packet;
import io.imstarter.qos.DedupWindow;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's incoming type 2 messages (sections 9.3 and 9.6): each goes to the application once, in arrival order,
 * off the event loop, and a QoS message is ACKed only after the application handled it, so that a process that
 * dies with a backlog has not acknowledged what it never handled. The backlog (received, not yet handled) is
 * bounded; past it a message is neither handled nor ACKed, and its sender or the server re-sends or stores it.
 *
 * <p>A (sender, fp) pair is recorded as seen when its handling succeeded. A copy arriving while the first one is
 * still queued or being handled is dropped: the ACK written when the first copy is handled answers it too, and if
 * handling fails neither is ACKed and the next re-send is delivered. Thread-safe; the monitor is held briefly.
 *
 * <p>A logout or close discards the backlog: those messages could no longer be ACKed, so handling them would only
 * make the application see them twice when their senders re-send them to the next session.
 */
final class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private static final long WARN_INTERVAL_NANOS = 10_000_000_000L;

    private enum Admission { DELIVER, ACK_AGAIN, IN_HAND, FULL }

    private final DedupWindow handled;
    private final int maxUnhandled;
    private final CallbackQueue callbacks;
    private final ListenerList listeners;
    private final Supplier<Link> ackLink;
    private final LongAdder refused = new LongAdder();
    private final AtomicLong nextWarnNanos = new AtomicLong(System.nanoTime());

    /** QoS messages queued or being handled; guarded by this. */
    private final Set<Key> inHand = new HashSet<>();
    /** Messages queued or being handled, with or without QoS; guarded by this. */
    private int unhandled;
    /** Bumped when the backlog is discarded; a delivery queued under an older value is skipped. Guarded by this. */
    private int generation;

    /**
     * @param ackLink the link an ACK goes to once its message is handled: the current one while logged in, else
     *     null (the ACK is then skipped and the re-sent copy, recognised as handled, is ACKed on arrival)
     */
    Inbox(Duration dedupWindow, int dedupMaxEntries, int maxUnhandled, CallbackQueue callbacks,
            ListenerList listeners, Supplier<Link> ackLink) {
        this.handled = new DedupWindow(dedupWindow, dedupMaxEntries);
        this.maxUnhandled = maxUnhandled;
        this.callbacks = callbacks;
        this.listeners = listeners;
        this.ackLink = ackLink;
    }

    /**
     * Takes a message that arrived on the client's current link; called on that link's event loop.
     *
     * @param group the sender and sequence number of a group copy, null for any other message
     */
    void received(Link from, Packet message, GroupEnvelope.Copy group, String me) {
        int admittedIn;
        Admission admission;
        synchronized (this) {
            admittedIn = generation;
            admission = admit(message);
        }
        switch (admission) {
            case DELIVER -> callbacks.execute(() -> deliver(message, group, me, admittedIn));
            case ACK_AGAIN -> from.write(message.ackFrom(me));
            case IN_HAND -> log.debug("{}: fp={} from {} arrived again while its first copy is being handled",
                    me, message.fp(), message.from());
            case FULL -> refuse(message, me);
        }
    }

    /** Messages refused because the backlog was full; QoS ones were not ACKed. */
    long refusedCount() {
        return refused.sum();
    }

    /** Messages received and not yet handled. */
    synchronized int unhandledCount() {
        return unhandled;
    }

    /** Skips the deliveries still queued: the session they arrived in has ended and they cannot be ACKed. */
    synchronized void discardBacklog() {
        generation++;
    }

    /** Caller holds the monitor. */
    private Admission admit(Packet message) {
        boolean qos = message.requiresAck();
        if (qos && handled.contains(message.from(), message.fp())) {
            return Admission.ACK_AGAIN;
        }
        Key key = qos ? new Key(message.from(), message.fp()) : null;
        if (qos && inHand.contains(key)) {
            return Admission.IN_HAND;
        }
        if (unhandled >= maxUnhandled) {
            return Admission.FULL;
        }
        unhandled++;
        if (qos) {
            inHand.add(key);
        }
        return Admission.DELIVER;
    }

    /** Runs on the client's callback queue; the ACK waits for the listeners' stages, not for this thread. */
    private void deliver(Packet message, GroupEnvelope.Copy group, String me, int admittedIn) {
        boolean discarded;
        synchronized (this) {
            discarded = admittedIn != generation;
            if (discarded) {
                release(message);
            }
        }
        if (discarded) {
            log.debug("{}: fp={} from {} discarded unhandled with the session it arrived in", me, message.fp(),
                    message.from());
            return;
        }
        CompletableFuture<Void> handled = group == null ? listeners.handleMessage(me, message)
                : listeners.handleGroupMessage(me, message, group);
        handled.whenComplete((ignored, failure) -> finished(message, me, failure));
    }

    private void finished(Packet message, String me, Throwable failure) {
        boolean qos = message.requiresAck();
        synchronized (this) {
            release(message);
            if (qos && failure == null) {
                handled.firstSeen(message.from(), message.fp());
            }
        }
        if (failure != null) {
            log.warn("{}: the application did not handle fp={} from {}; not ACKed, so its sender re-sends it",
                    me, message.fp(), message.from(), failure);
            return;
        }
        Link link = qos ? ackLink.get() : null;
        if (link != null) {
            link.write(message.ackFrom(me));
        }
    }

    /** Caller holds the monitor. */
    private void release(Packet message) {
        unhandled--;
        if (message.requiresAck()) {
            inHand.remove(new Key(message.from(), message.fp()));
        }
    }

    private void refuse(Packet message, String me) {
        refused.increment();
        long now = System.nanoTime();
        long next = nextWarnNanos.get();
        if (now - next >= 0 && nextWarnNanos.compareAndSet(next, now + WARN_INTERVAL_NANOS)) {
            log.warn("{}: {} messages wait for the application (im.client.max-unhandled-messages); {} so far were"
                    + " refused: QoS ones are not ACKed, so their senders re-send them, others are dropped"
                    + " (latest from {}, fp={})", me, maxUnhandled, refused.sum(), message.from(), message.fp());
        }
    }

    private record Key(String sender, String fp) {
    }
}
