package io.imstarter.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link C2cTracker} remembers of messages it no longer has to keep (STORED and DONE), so that a copy the sender
 * sends again is answered and not relayed twice: for the dedup window at most, and within {@code maxBytes} of heap,
 * the oldest forgotten first. At a steady rate of {@code r} messages a second the window it really gives is
 * {@code min(window, maxBytes / (r * bytes per message))}; {@link #effectiveWindowMillis} reports it as it is now.
 * Forgetting early costs only de-duplication of late copies, never a message. Thread-safe; the ring of keys in age
 * order is guarded by this object's monitor, held for one key at a time.
 */
final class DedupMemory {

    private static final int INITIAL_SLOTS = 1024;

    private final long windowMillis;
    private final long maxBytes;
    private final Map<DedupKey, C2cTracker.State> states = new ConcurrentHashMap<>();
    /** Keys in the order they were remembered, with the time each was; a ring from {@code head}. */
    private DedupKey[] keys = new DedupKey[INITIAL_SLOTS];
    private long[] rememberedAt = new long[INITIAL_SLOTS];
    private int head;
    private int size;
    private long bytes;
    /** Whether the last key forgotten went for want of room rather than age: the window is then short of its length. */
    private boolean fullByBytes;

    DedupMemory(long windowMillis, long maxBytes) {
        this.windowMillis = windowMillis;
        this.maxBytes = maxBytes;
    }

    /** The state remembered for the key, or null. */
    C2cTracker.State get(DedupKey key) {
        return states.get(key);
    }

    /** Remembers the key in {@code state} (STORED or DONE) from {@code now}; forgets the oldest to make room. */
    void remember(DedupKey key, C2cTracker.State state, long now) {
        if (states.put(key, state) != null) {
            return;
        }
        synchronized (this) {
            long added = key.retainedBytes();
            while (size > 0 && bytes + added > maxBytes) {
                forgetOldest();
                fullByBytes = true;
            }
            append(key, now, added);
        }
    }

    /** A STORED message's receiver acknowledged a live copy: remembered as DONE from now on. */
    boolean storedToDone(DedupKey key) {
        return states.replace(key, C2cTracker.State.STORED, C2cTracker.State.DONE);
    }

    /** Forgets what is older than the window. */
    void forgetExpired(long now) {
        while (true) {
            synchronized (this) {
                if (size == 0 || now - rememberedAt[head] < windowMillis) {
                    return;
                }
                forgetOldest();
                fullByBytes = false;
            }
        }
    }

    /**
     * How far back copies are recognised now: the configured window, or the age of the oldest key remembered when
     * the byte bound forgot younger ones.
     */
    synchronized long effectiveWindowMillis(long now) {
        return fullByBytes && size > 0 ? Math.min(windowMillis, now - rememberedAt[head]) : windowMillis;
    }

    synchronized int size() {
        return size;
    }

    private void append(DedupKey key, long now, long added) {
        if (size == keys.length) {
            grow();
        }
        int slot = (head + size) % keys.length;
        keys[slot] = key;
        rememberedAt[slot] = now;
        size++;
        bytes += added;
    }

    private void forgetOldest() {
        DedupKey oldest = keys[head];
        keys[head] = null;
        head = (head + 1) % keys.length;
        size--;
        bytes -= oldest.retainedBytes();
        states.remove(oldest);
    }

    private void grow() {
        DedupKey[] grownKeys = new DedupKey[keys.length * 2];
        long[] grownTimes = new long[keys.length * 2];
        for (int i = 0; i < size; i++) {
            grownKeys[i] = keys[(head + i) % keys.length];
            grownTimes[i] = rememberedAt[(head + i) % keys.length];
        }
        keys = grownKeys;
        rememberedAt = grownTimes;
        head = 0;
    }
}
