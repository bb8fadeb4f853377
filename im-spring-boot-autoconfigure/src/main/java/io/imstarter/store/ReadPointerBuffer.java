package io.imstarter.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces read pointer writes: a pointer moves in memory at once, and every {@code interval} the pointers that
 * moved are written to the {@link ReadStateStore} together, each once, however often it moved meanwhile. So a
 * reader scrolling through a thousand messages a second costs its conversation one write per interval.
 *
 * <p>The table is bounded: a written entry stays (it answers "where is the pointer" without a read) until room is
 * needed, and when every entry waits to be written a further pointer is written through at once, so memory stays
 * bounded and nothing is dropped. {@link #close()} (and {@link #flush()}) writes what waits: a pointer that moved is
 * lost only when the process dies within one interval of the move.
 */
public final class ReadPointerBuffer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadPointerBuffer.class);

    private record Key(String userId, Conversation conversation) {
    }

    /** A pointer in memory; {@code dirty} until the store has it. */
    private record Entry(long seq, boolean dirty) {
    }

    private final ReadStateStore store;
    private final int maxEntries;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    /**
     * @param interval how long a moved pointer waits to be written with the others
     * @param maxEntries the most pointers kept in memory
     */
    public ReadPointerBuffer(ReadStateStore store, Duration interval, int maxEntries) {
        if (interval.isNegative() || interval.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException("A read pointer buffer needs a positive interval and room for at"
                    + " least one pointer, not " + interval + " and " + maxEntries);
        }
        this.store = store;
        this.maxEntries = maxEntries;
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "im-read-pointers");
            thread.setDaemon(true);
            return thread;
        });
        long every = interval.toMillis();
        flusher.scheduleWithFixedDelay(this::flushSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** The pointer as this buffer knows it (moved or written here), or empty when the store must be asked. */
    public OptionalLong known(String userId, Conversation conversation) {
        Entry entry = entries.get(new Key(userId, conversation));
        return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.seq());
    }

    /**
     * Moves the pointer forward to its {@code seq} unless it is there or beyond already, by this buffer or by
     * {@code stored} (the store's value, read by the caller).
     *
     * @return whether it moved
     */
    public boolean advance(ReadPointer pointer, long stored) {
        Key key = new Key(pointer.userId(), pointer.conversation());
        if (!entries.containsKey(key) && entries.size() >= maxEntries && !makeRoom()) {
            if (pointer.seq() <= stored) {
                return false;
            }
            store.write(List.of(pointer));
            return true;
        }
        boolean[] moved = {false};
        entries.compute(key, (k, current) -> {
            long known = current == null ? stored : Math.max(current.seq(), stored);
            if (pointer.seq() <= known) {
                return current;
            }
            moved[0] = true;
            return new Entry(pointer.seq(), true);
        });
        return moved[0];
    }

    /** The pointers of {@code userId} this buffer holds, by conversation. */
    public Map<Conversation, Long> knownOf(String userId) {
        Map<Conversation, Long> known = new HashMap<>();
        entries.forEach((key, entry) -> {
            if (key.userId().equals(userId)) {
                known.put(key.conversation(), entry.seq());
            }
        });
        return known;
    }

    /** Writes every pointer that moved since its last write, in one call to the store. */
    public synchronized void flush() {
        Map<Key, Entry> dirty = new HashMap<>();
        entries.forEach((key, entry) -> {
            if (entry.dirty()) {
                dirty.put(key, entry);
            }
        });
        if (dirty.isEmpty()) {
            return;
        }
        List<ReadPointer> pointers = new ArrayList<>(dirty.size());
        dirty.forEach((key, entry) -> pointers.add(new ReadPointer(key.userId(), key.conversation(), entry.seq())));
        store.write(pointers);
        // An entry that moved again meanwhile stays dirty for the next flush.
        dirty.forEach((key, entry) -> entries.replace(key, entry, new Entry(entry.seq(), false)));
    }

    /** Forgets written entries to make room; false when every entry still waits to be written. */
    private boolean makeRoom() {
        entries.entrySet().removeIf(entry -> !entry.getValue().dirty());
        return entries.size() < maxEntries;
    }

    private void flushSafely() {
        try {
            flush();
        }
        catch (RuntimeException ex) {
            log.warn("IM could not write read pointers; they are written with the next flush", ex);
        }
    }

    /** Stops the timer and writes what waits. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
