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
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds QoS packets until they are acknowledged, re-sending them and finally reporting them lost (section 9.2).
 *
 * <p>Thread-safe. Checks run on the scheduler handed in by the owner, never on a Netty event loop; the
 * {@link Resender} must therefore only hand the packet to a non-blocking write.
 *
 * @param <K> the key that identifies a pending packet, e.g. a receiver and fingerprint pair
 */
public final class QosSendDaemon<K> {

    private static final Logger log = LoggerFactory.getLogger(QosSendDaemon.class);

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
            long every = settings.checkInterval().toMillis();
            checks = scheduler.scheduleWithFixedDelay(this::checkSafely, every, every, TimeUnit.MILLISECONDS);
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
        if (size.incrementAndGet() > settings.maxPending()) {
            size.decrementAndGet();
            return false;
        }
        if (pending.putIfAbsent(key, new Pending(packet, clock.getAsLong())) != null) {
            size.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Whether a packet may be tracked now: the queue has room. */
    public boolean hasCapacity() {
        return size.get() < settings.maxPending();
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

    public boolean isPending(K key) {
        return pending.containsKey(key);
    }

    public int pendingCount() {
        return size.get();
    }

    /** One check: re-send what is old enough, report what ran out of retries. */
    public void check() {
        long now = clock.getAsLong();
        long minAge = settings.minAge().toMillis();
        List<Packet> lost = new ArrayList<>();
        for (Map.Entry<K, Pending> entry : pending.entrySet()) {
            Pending item = entry.getValue();
            if (now - item.trackedAt < minAge) {
                continue;
            }
            if (item.resends >= settings.maxRetries()) {
                if (pending.remove(entry.getKey(), item)) {
                    size.decrementAndGet();
                    lost.add(item.packet);
                }
            }
            else {
                item.resends++;
                resendSafely(item.packet);
            }
        }
        if (!lost.isEmpty()) {
            lostListener.onLost(lost);
        }
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

    private static final class Pending {

        final Packet packet;
        final long trackedAt;
        int resends;

        Pending(Packet packet, long trackedAt) {
            this.packet = packet;
            this.trackedAt = trackedAt;
        }
    }
}
