package io.imstarter.qos;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Remembers received {@code (sender, fingerprint)} pairs for a time window, bounded in size with the oldest
 * evicted first (section 9.3). Keying by sender stops one user from suppressing another's messages. Thread-safe.
 */
public final class DedupWindow {

    /** How long a pair is remembered, by default on both sides. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    /** How many pairs are remembered at most, by default on both sides. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final long windowMillis;
    private final int maxEntries;
    private final LongSupplier clock;
    private final LinkedHashMap<Key, Long> seen = new LinkedHashMap<>();

    public DedupWindow(Duration window, int maxEntries) {
        this(window, maxEntries, System::currentTimeMillis);
    }

    DedupWindow(Duration window, int maxEntries, LongSupplier clock) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The dedup window must be positive, got " + window);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("The dedup window needs room for at least 1 entry, got " + maxEntries);
        }
        this.windowMillis = window.toMillis();
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** Records the pair; returns true if it was not seen within the window (deliver it), false for a duplicate. */
    public synchronized boolean firstSeen(String sender, String fingerprint) {
        long now = clock.getAsLong();
        evict(now, maxEntries - 1);
        return seen.putIfAbsent(new Key(sender, fingerprint), now) == null;
    }

    /** Whether the pair was seen within the window, without recording it. */
    public synchronized boolean contains(String sender, String fingerprint) {
        evict(clock.getAsLong(), maxEntries);
        return seen.containsKey(new Key(sender, fingerprint));
    }

    public synchronized int size() {
        return seen.size();
    }

    /** Drops expired entries, and the oldest ones until at most {@code keep} remain. */
    private void evict(long now, int keep) {
        Iterator<Map.Entry<Key, Long>> oldestFirst = seen.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<Key, Long> oldest = oldestFirst.next();
            if (seen.size() > keep || now - oldest.getValue() >= windowMillis) {
                oldestFirst.remove();
            }
            else {
                return;
            }
        }
    }

    private record Key(String sender, String fingerprint) {
    }
}
