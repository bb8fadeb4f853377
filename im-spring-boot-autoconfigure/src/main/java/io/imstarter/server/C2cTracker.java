package io.imstarter.server;

import io.imstarter.protocol.Packet;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Receiver-mode state of QoS C2C messages by {@code (sender, fp)} (section 9.5): PENDING until the receiver ACKs,
 * HANDING_OFF while the offline handler decides, STORED once it accepted (until the receiver's ACK of the live copy
 * marks the stored copy delivered), DONE afterwards.
 *
 * <p>Two parts with different promises. The messages whose delivery depends on this server's memory (PENDING and
 * HANDING_OFF) are <em>kept</em> until the receiver's ACK or the hand-off's outcome, never pushed out: at most
 * {@code maxKept} of them, and a new message beyond that is refused ({@link State#REFUSED}), for its sender to send
 * again. Messages STORED (the message store holds them now) and DONE are <em>remembered</em> in a
 * {@link DedupMemory} bounded by bytes, for de-duplication only; forgetting one early costs the recognition of a
 * late copy, never the message. Every message has the same ACK timeout, so arrival order is deadline order and one
 * queue of PENDING messages replaces per-message timers. Messages lock only themselves (and briefly the queue).
 */
final class C2cTracker {

    enum State {
        PENDING, HANDING_OFF, STORED, DONE,
        /** Returned by {@link #startPending} only: the message is not tracked, as {@code maxKept} are kept already. */
        REFUSED
    }

    /** A kept message; its mutable fields are guarded by the instance. */
    private static final class Entry {
        final DedupKey key;
        final long createdAt;
        State state = State.PENDING;
        /** Kept while PENDING, for the hand-off of an overdue message and to know its receiver. */
        Packet message;

        Entry(DedupKey key, Packet message, long createdAt) {
            this.key = key;
            this.message = message;
            this.createdAt = createdAt;
        }
    }

    private final long ackTimeoutMillis;
    private final int maxKept;
    private final Map<DedupKey, Entry> kept = new ConcurrentHashMap<>();
    private final AtomicInteger keptCount = new AtomicInteger();
    /**
     * PENDING messages in arrival order, for their ACK deadlines; an entry that left PENDING stays until it reaches
     * the head or the queue is compacted. Twice {@code maxKept} long, so a compaction frees at least half of it.
     */
    private final ArrayDeque<Entry> byArrival = new ArrayDeque<>();
    private final DedupMemory remembered;

    C2cTracker(Duration window, Duration ackTimeout, int maxKept, long dedupMaxBytes) {
        this.ackTimeoutMillis = ackTimeout.toMillis();
        this.maxKept = maxKept;
        this.remembered = new DedupMemory(window.toMillis(), dedupMaxBytes);
    }

    /**
     * Starts keeping a new message as PENDING, unless it is known already or {@code maxKept} messages are kept.
     *
     * @return null when the message is new and now PENDING; {@link State#REFUSED} when it is new and there is no
     *     room; else the state of the copy known before
     */
    State startPending(MessageKey key, Packet message) {
        long now = System.currentTimeMillis();
        remembered.forgetExpired(now);
        DedupKey dedupKey = DedupKey.of(key);
        // Kept first, then remembered: a message moves to the memory before it leaves the kept map.
        State known = keptState(dedupKey);
        if (known == null) {
            known = remembered.get(dedupKey);
        }
        if (known != null) {
            return known;
        }
        if (keptCount.incrementAndGet() > maxKept) {
            keptCount.decrementAndGet();
            return State.REFUSED;
        }
        Entry entry = new Entry(dedupKey, message, now);
        Entry raced = kept.putIfAbsent(dedupKey, entry);
        if (raced != null) {
            keptCount.decrementAndGet();
            synchronized (raced) {
                return raced.state;
            }
        }
        enqueueDeadline(entry);
        return null;
    }

    /**
     * Moves a kept message from {@code from} to {@code to}; false (and no change) when it is not in state
     * {@code from}. A message STORED leaves the kept messages for the memory.
     */
    boolean transition(MessageKey key, State from, State to) {
        Entry entry = kept.get(DedupKey.of(key));
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            if (entry.state != from) {
                return false;
            }
            entry.state = to;
            entry.message = null;
            if (to == State.STORED) {
                release(entry);
            }
            return true;
        }
    }

    /**
     * The receiver's ACK: a PENDING or STORED message becomes DONE.
     *
     * @return the state the message was in, null when it is not known
     */
    State acknowledge(MessageKey key) {
        DedupKey dedupKey = DedupKey.of(key);
        Entry entry = kept.get(dedupKey);
        if (entry != null) {
            synchronized (entry) {
                State was = entry.state;
                if (was == State.PENDING) {
                    entry.state = State.DONE;
                    entry.message = null;
                    release(entry);
                }
                return was;
            }
        }
        if (remembered.storedToDone(dedupKey)) {
            return State.STORED;
        }
        return remembered.get(dedupKey);
    }

    /** Forgets a kept message that could not be relayed or that the offline handler did not store. */
    void remove(MessageKey key) {
        Entry entry = kept.remove(DedupKey.of(key));
        if (entry != null) {
            keptCount.decrementAndGet();
            synchronized (entry) {
                entry.state = State.REFUSED;
                entry.message = null;
            }
        }
    }

    /** Whether the message is PENDING on its way to {@code receiver}. */
    boolean awaitsAck(MessageKey key, String receiver) {
        Entry entry = kept.get(DedupKey.of(key));
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            return entry.state == State.PENDING && receiver.equals(entry.message.to());
        }
    }

    /** Messages still PENDING whose receiver-ACK timeout has passed, oldest first; one caller at a time. */
    List<Packet> overdue() {
        long deadline = System.currentTimeMillis() - ackTimeoutMillis;
        List<Packet> overdue = new ArrayList<>();
        Entry next;
        while ((next = pollDue(deadline)) != null) {
            synchronized (next) {
                if (next.state == State.PENDING) {
                    overdue.add(next.message);
                }
            }
        }
        return overdue;
    }

    /** Messages kept now (PENDING or HANDING_OFF). */
    int keptCount() {
        return keptCount.get();
    }

    /** How far back copies of DONE and STORED messages are recognised now, in milliseconds. */
    long effectiveWindowMillis() {
        return remembered.effectiveWindowMillis(System.currentTimeMillis());
    }

    /** Under the entry's lock: it is no longer kept; the memory has it first, so a copy always finds it somewhere. */
    private void release(Entry entry) {
        remembered.remember(entry.key, entry.state, System.currentTimeMillis());
        if (kept.remove(entry.key, entry)) {
            keptCount.decrementAndGet();
        }
    }

    private State keptState(DedupKey key) {
        Entry entry = kept.get(key);
        if (entry == null) {
            return null;
        }
        synchronized (entry) {
            return entry.state;
        }
    }

    private void enqueueDeadline(Entry entry) {
        synchronized (byArrival) {
            if (byArrival.size() >= 2 * maxKept) {
                byArrival.removeIf(C2cTracker::leftPending);
            }
            byArrival.addLast(entry);
        }
    }

    private Entry pollDue(long deadline) {
        synchronized (byArrival) {
            Entry head = byArrival.peekFirst();
            return head != null && head.createdAt <= deadline ? byArrival.pollFirst() : null;
        }
    }

    private static boolean leftPending(Entry entry) {
        synchronized (entry) {
            return entry.state != State.PENDING;
        }
    }
}
