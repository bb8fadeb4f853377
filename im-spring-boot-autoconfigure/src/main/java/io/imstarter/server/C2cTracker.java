package io.imstarter.server;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * Receiver-mode state of QoS C2C messages by {@code (sender, fp)} for the dedup window (section 9.5): PENDING until
 * the receiver ACKs, HANDING_OFF while the offline handler decides, DONE afterwards. Bounded; thread-safe.
 */
final class C2cTracker {

    enum State {
        PENDING, HANDING_OFF, DONE
    }

    private static final class Entry {
        State state = State.PENDING;
        final long createdAt;
        ScheduledFuture<?> ackTimeout;

        Entry(long createdAt) {
            this.createdAt = createdAt;
        }
    }

    private final long windowMillis;
    private final int maxEntries;
    private final LinkedHashMap<MessageKey, Entry> entries = new LinkedHashMap<>();

    C2cTracker(Duration window, int maxEntries) {
        this.windowMillis = window.toMillis();
        this.maxEntries = maxEntries;
    }

    synchronized State state(MessageKey key) {
        evictExpired();
        Entry entry = entries.get(key);
        return entry == null ? null : entry.state;
    }

    /** Starts tracking a new message as PENDING; false if it is already tracked. */
    synchronized boolean startPending(MessageKey key) {
        evictExpired();
        if (entries.containsKey(key)) {
            return false;
        }
        while (entries.size() >= maxEntries) {
            Iterator<Map.Entry<MessageKey, Entry>> oldest = entries.entrySet().iterator();
            cancel(oldest.next().getValue());
            oldest.remove();
        }
        entries.put(key, new Entry(System.currentTimeMillis()));
        return true;
    }

    synchronized void setAckTimeout(MessageKey key, ScheduledFuture<?> timeout) {
        Entry entry = entries.get(key);
        if (entry == null || entry.state != State.PENDING) {
            timeout.cancel(false);
        }
        else {
            entry.ackTimeout = timeout;
        }
    }

    /** Moves from {@code from} to {@code to}; false (and no change) when the message is not in state {@code from}. */
    synchronized boolean transition(MessageKey key, State from, State to) {
        Entry entry = entries.get(key);
        if (entry == null || entry.state != from) {
            return false;
        }
        entry.state = to;
        if (to != State.PENDING) {
            cancel(entry);
        }
        return true;
    }

    synchronized void remove(MessageKey key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            cancel(removed);
        }
    }

    private void evictExpired() {
        long now = System.currentTimeMillis();
        Iterator<Map.Entry<MessageKey, Entry>> oldestFirst = entries.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Entry oldest = oldestFirst.next().getValue();
            if (now - oldest.createdAt < windowMillis) {
                return;
            }
            cancel(oldest);
            oldestFirst.remove();
        }
    }

    private static void cancel(Entry entry) {
        if (entry.ackTimeout != null) {
            entry.ackTimeout.cancel(false);
            entry.ackTimeout = null;
        }
    }
}
