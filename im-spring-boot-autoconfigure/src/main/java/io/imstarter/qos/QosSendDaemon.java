package io.imstarter.qos;

import io.imstarter.protocol.Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds QoS packets until they are acknowledged, re-sending them and finally reporting them lost (section 9.2).
 *
 * <p>Re-sends are paced (section 9.6): each packet has its own due time, first its min age plus an offset that
 * spreads packets tracked together evenly over one check interval, then one interval after each re-send. The daemon
 * looks for due packets {@link #TICKS_PER_INTERVAL} times per interval, so a burst of sends comes back as a trickle
 * instead of one burst that trips the peer's rate limit. A packet is re-sent at most {@code maxRetries} times and
 * reported lost at the next due time after its last re-send, so the lost report comes as the table of 9.2 says.
 *
 * <p>Thread-safe. Checks run on the scheduler handed in by the owner, never on a Netty event loop; the
 * {@link Resender} must therefore only hand the packet to a non-blocking write.
 *
 * @param <K> the key that identifies a pending packet, e.g. a receiver and fingerprint pair
 */
public final class QosSendDaemon<K> {

    /** How many times per check interval due packets are looked for; a due re-send waits at most one tick. */
    public static final int TICKS_PER_INTERVAL = 20;

    private static final Logger log = LoggerFactory.getLogger(QosSendDaemon.class);

    /** The golden ratio's fraction: the offsets of consecutive packets fill the interval evenly. */
    private static final double SPREAD_STEP = 0.6180339887498949;

    /** The due time of a held packet: it waits for its first write and cannot be due. */
    private static final long NOT_WRITTEN = Long.MAX_VALUE;

    /** Re-sends a pending packet; it must not block. */
    @FunctionalInterface
    public interface Resender {
        void resend(Packet packet);
    }

    /** Told about packets whose retries ran out. */
    @FunctionalInterface
    public interface LostListener {
        void onLost(List<Packet> packets);
    }

    private final String name;
    private final QosSettings settings;
    private final Resender resender;
    private final LostListener lostListener;
    private final LongSupplier clock;
    private final Map<K, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong spreadSequence = new AtomicLong();
    private volatile ScheduledFuture<?> checks;

    public QosSendDaemon(String name, QosSettings settings, Resender resender, LostListener lostListener) {
        this(name, settings, resender, lostListener, System::currentTimeMillis);
    }

    QosSendDaemon(String name, QosSettings settings, Resender resender, LostListener lostListener, LongSupplier clock) {
        this.name = name;
        this.settings = settings;
        this.resender = resender;
        this.lostListener = lostListener;
        this.clock = clock;
    }

    /** Starts periodic checks on {@code scheduler}; calling it again while running does nothing. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        if (checks == null) {
            long tick = Math.max(1, settings.getCheckInterval().toMillis() / TICKS_PER_INTERVAL);
            checks = scheduler.scheduleWithFixedDelay(this::checkSafely, tick, tick, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the checks; pending packets stay so that {@link #pendingCount()} still tells what was left. */
    public synchronized void stop() {
        if (checks != null) {
            checks.cancel(false);
            checks = null;
        }
    }

    /**
     * Starts tracking a packet whose first write succeeded.
     *
     * @return false when the queue is full (the caller refuses the send) or the key is already tracked
     */
    public boolean track(K key, Packet packet) {
        return add(key, new Pending(packet, firstDue(clock.getAsLong())));
    }

    /**
     * Starts tracking a packet that waits for its first write (a client sending while disconnected): it takes a
     * place in the queue but its retry clock starts only at {@link #written}.
     *
     * @return false when the queue is full or the key is already tracked
     */
    public boolean hold(K key, Packet packet) {
        return add(key, new Pending(packet, NOT_WRITTEN));
    }

    /** A held packet was written for the first time: its retry clock starts now. Other packets are unaffected. */
    public void written(K key) {
        Pending item = pending.get(key);
        if (item != null) {
            synchronized (item) {
                if (item.dueAt == NOT_WRITTEN) {
                    item.dueAt = firstDue(clock.getAsLong());
                }
            }
        }
    }

    /**
     * The latest write of a packet was refused by a rate limit, or could not be made: it does not count as an
     * attempt, and the packet is due again after one check interval plus its spread offset.
     */
    public void backOff(K key) {
        Pending item = pending.get(key);
        if (item == null) {
            return;
        }
        synchronized (item) {
            if (item.refundable) {
                item.resends--;
                item.refundable = false;
            }
            item.dueAt = clock.getAsLong() + settings.getCheckInterval().toMillis() + spreadOffset();
        }
    }

    /** Whether a packet may be tracked now: the queue has room. */
    public boolean hasCapacity() {
        return size.get() < settings.getMaxPending();
    }

    /** Stops tracking after an ACK; returns the packet, or null if it was not (or no longer) pending. */
    public Packet acknowledge(K key) {
        Pending removed = pending.remove(key);
        if (removed == null) {
            return null;
        }
        size.decrementAndGet();
        return removed.packet;
    }

    /** The packet tracked under {@code key}, or null when none is pending. */
    public Packet pendingPacket(K key) {
        Pending item = pending.get(key);
        return item == null ? null : item.packet;
    }

    public boolean isPending(K key) {
        return pending.containsKey(key);
    }

    public int pendingCount() {
        return size.get();
    }

    /** One tick: re-send the packets that are due, report those whose retries ran out. */
    public void check() {
        long now = clock.getAsLong();
        long interval = settings.getCheckInterval().toMillis();
        List<Packet> lost = new ArrayList<>();
        for (Map.Entry<K, Pending> entry : pending.entrySet()) {
            Pending item = entry.getValue();
            boolean resend;
            synchronized (item) {
                if (item.dueAt > now) {
                    continue;
                }
                resend = item.resends < settings.getMaxRetries();
                if (resend) {
                    item.resends++;
                    item.refundable = true;
                    item.dueAt = now + interval;
                }
            }
            if (resend) {
                resendSafely(item.packet);
            }
            else if (pending.remove(entry.getKey(), item)) {
                size.decrementAndGet();
                lost.add(item.packet);
            }
        }
        if (!lost.isEmpty()) {
            lostListener.onLost(lost);
        }
    }

    private boolean add(K key, Pending item) {
        if (size.incrementAndGet() > settings.getMaxPending()) {
            size.decrementAndGet();
            return false;
        }
        if (pending.putIfAbsent(key, item) != null) {
            size.decrementAndGet();
            return false;
        }
        return true;
    }

    private long firstDue(long now) {
        return now + settings.getMinAge().toMillis() + spreadOffset();
    }

    /** The next offset in [0, check interval), evenly spread over consecutive calls. */
    private long spreadOffset() {
        double fraction = (spreadSequence.getAndIncrement() * SPREAD_STEP) % 1.0;
        return (long) (fraction * settings.getCheckInterval().toMillis());
    }

    private void resendSafely(Packet packet) {
        try {
            resender.resend(packet);
        }
        catch (RuntimeException ex) {
            log.warn("{}: re-sending fp={} failed", name, packet.fp(), ex);
        }
    }

    private void checkSafely() {
        try {
            check();
        }
        catch (RuntimeException ex) {
            log.error("{}: QoS check failed", name, ex);
        }
    }

    /** A tracked packet; its mutable fields are guarded by the instance itself. */
    private static final class Pending {

        final Packet packet;
        long dueAt;
        int resends;
        /** Whether the latest re-send may still be given back by {@link #backOff}. */
        boolean refundable;

        Pending(Packet packet, long dueAt) {
            this.packet = packet;
            this.dueAt = dueAt;
        }
    }
}
