package io.imstarter.server;

import io.imstarter.protocol.Packet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Receiver-mode state of QoS C2C messages by {@code (sender, fp)} for the dedup window (section 9.5): PENDING until
 * the receiver ACKs, HANDING_OFF while the offline handler decides, STORED once it accepted (until the receiver's
 * ACK of the live copy marks the stored copy delivered), DONE afterwards. Bounded, and messages lock only
 * themselves (and briefly the eviction): every message has the same ACK timeout and window, so arrival order is
 * also deadline order and two queues replace per-message timers.
 */
final class C2cTracker {

    enum State {
        PENDING, HANDING_OFF, STORED, DONE
    }

    private static final class Entry {
        final MessageKey key;
        final long createdAt;
        State state = State.PENDING;
        /**
         * Kept while PENDING, for the hand-off of an overdue message; dropped after, as the entry outlives it by the
         * dedup window (up to {@code dedup-max-entries} of them) and its payload would make every young collection
         * copy it ({@code docs/profile.md}).
         */
        Packet message;

        Entry(MessageKey key, Packet message, long createdAt) {
            this.key = key;
            this.message = message;
            this.createdAt = createdAt;
        }

        /** Under the entry's lock. */
        void moveTo(State next) {
            state = next;
            if (next != State.PENDING) {
                message = null;
            }
        }
    }

    private final long windowMillis;
    private final long ackTimeoutMillis;
    private final int maxEntries;
    private final Map<MessageKey, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Entry> byAge = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final ConcurrentLinkedQueue<Entry> awaitingAck = new ConcurrentLinkedQueue<>();
    private final ReentrantLock evicting = new ReentrantLock();

    C2cTracker(Duration window, Duration ackTimeout, int maxEntries) {
        this.windowMillis = window.toMillis();
        this.ackTimeoutMillis = ackTimeout.toMillis();
        this.maxEntries = maxEntries;
    }

    /**
     * Starts tracking a new message as PENDING, unless it is tracked already. One lookup either way, as this runs for
     * every relayed message.
     *
     * @return null when the message is new and now PENDING, else the state of the copy tracked before
     */
    State startPending(MessageKey key, Packet message) {
        long now = System.currentTimeMillis();
        evict(now);
        Entry entry = new Entry(key, message, now);
        Entry tracked = entries.putIfAbsent(key, entry);
        if (tracked != null) {
            synchronized (tracked) {
                return tracked.state;
            }
        }
        byAge.add(entry);
        queued.incrementAndGet();
        awaitingAck.add(entry);
        return null;
    }

    /** Moves from {@code from} to {@code to}; false (and no change) when the message is not in state {@code from}. */
    boolean transition(MessageKey key, State from, State to) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            if (entry.state != from) {
                return false;
            }
            entry.moveTo(to);
            return true;
        }
    }

    /**
     * The receiver's ACK: a PENDING or STORED message becomes DONE. One lookup, as this runs once for every relayed
     * message.
     *
     * @return the state the message was in, null when it is not tracked
     */
    State acknowledge(MessageKey key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        synchronized (entry) {
            State was = entry.state;
            if (was == State.PENDING || was == State.STORED) {
                entry.moveTo(State.DONE);
            }
            return was;
        }
    }

    void remove(MessageKey key) {
        entries.remove(key);
    }

    /** Messages still PENDING whose receiver-ACK timeout has passed, oldest first; one caller at a time. */
    List<Packet> overdue() {
        long deadline = System.currentTimeMillis() - ackTimeoutMillis;
        List<Packet> overdue = new ArrayList<>();
        Entry head;
        while ((head = awaitingAck.peek()) != null && head.createdAt <= deadline) {
            awaitingAck.poll();
            Packet pending = entries.get(head.key) == head ? pendingMessage(head) : null;
            if (pending != null) {
                overdue.add(pending);
            }
        }
        return overdue;
    }

    /** The entry in hand, not a second lookup of its key: this runs once for every tracked message. */
    private static Packet pendingMessage(Entry entry) {
        synchronized (entry) {
            return entry.state == State.PENDING ? entry.message : null;
        }
    }

    /**
     * One evicting thread at a time, so the head it peeked is the head it polls. Racing threads used
     * {@code remove(Object)}, and the loser's miss scanned the whole queue: 18 % of the CPU samples at 48k msgs/s
     * ({@code docs/profile.md}). A thread that finds another evicting leaves the work to it rather than wait: this
     * runs on event loops, and the evicting thread goes on while the table is over its bound.
     */
    private void evict(long now) {
        if (!evicting.tryLock()) {
            return;
        }
        try {
            Entry oldest;
            while ((oldest = byAge.peek()) != null
                    && (now - oldest.createdAt >= windowMillis || queued.get() >= maxEntries)) {
                byAge.poll();
                queued.decrementAndGet();
                entries.remove(oldest.key, oldest);
            }
        }
        finally {
            evicting.unlock();
        }
    }
}
