package io.imstarter.cluster;

import io.imstarter.server.ClusterPresence;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users online cluster-wide, counted by node, kept for readers that must not wait for Redis (meter scrapes): a
 * read answers with the last counts at once and, when they are older than {@code maxAge}, starts one listing in the
 * background. So the shared presence is listed at most once per {@code maxAge}, however often it is read, and never
 * on the reader's thread. Thread-safe.
 */
public final class OnlineCensus {

    /** The most presence entries one count reads, so that a large cluster does not make health or scrapes slow. */
    public static final int MAX_COUNTED = 10_000;

    private static final Logger log = LoggerFactory.getLogger(OnlineCensus.class);

    /**
     * One count of the cluster's users.
     *
     * @param total the users online cluster-wide, at most the census's limit
     * @param byNode the users per node id, sorted by node id
     * @param capped whether the listing stopped at the limit, so that there may be more users
     */
    public record Counts(int total, Map<String, Integer> byNode, boolean capped) {

        /** Before the first listing completed. */
        public static final Counts NONE = new Counts(0, Map.of(), false);

        /** Counts a listing that stopped at {@code limit} users. */
        public static Counts of(List<ClusterPresence> online, int limit) {
            Map<String, Integer> byNode = new TreeMap<>();
            online.forEach(presence -> byNode.merge(presence.nodeId(), 1, Integer::sum));
            return new Counts(online.size(), Map.copyOf(byNode), online.size() >= limit);
        }
    }

    private final IntFunction<CompletableFuture<List<ClusterPresence>>> source;
    private final int limit;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final Consumer<Counts> onCount;
    private final AtomicBoolean listing = new AtomicBoolean();
    private volatile Counts latest = Counts.NONE;
    private volatile long countedAt;
    private volatile boolean counted;
    private volatile boolean failing;

    /**
     * @param source lists at most the given number of users, as {@link io.imstarter.server.ImServer#clusterOnlineUsers}
     * @param limit the most users one listing reads
     * @param maxAge how old the counts may get before a read starts a new listing
     * @param nanoClock {@link System#nanoTime}, or a test's clock
     * @param onCount called with each new count, on the thread that completed the listing
     */
    public OnlineCensus(IntFunction<CompletableFuture<List<ClusterPresence>>> source, int limit, Duration maxAge,
            LongSupplier nanoClock, Consumer<Counts> onCount) {
        if (limit < 1) {
            throw new IllegalArgumentException("The census limit must be at least 1, not " + limit);
        }
        this.source = source;
        this.limit = limit;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
        this.onCount = onCount;
    }

    /** The last counts, {@link Counts#NONE} before the first; starts a new listing when they are too old. */
    public Counts counts() {
        if ((!counted || nanoClock.getAsLong() - countedAt >= maxAgeNanos) && listing.compareAndSet(false, true)) {
            list();
        }
        return latest;
    }

    private void list() {
        CompletableFuture<List<ClusterPresence>> online;
        try {
            online = source.apply(limit);
        }
        catch (RuntimeException ex) {
            online = CompletableFuture.failedFuture(ex);
        }
        online.whenComplete((users, failure) -> {
            try {
                if (failure == null) {
                    record(Counts.of(users, limit));
                }
                else if (!failing) {
                    failing = true;
                    log.warn("IM cluster: counting the cluster's online users failed; the last counts stay: {}",
                            failure.toString());
                }
            }
            finally {
                // Also after a failure, so that an outage costs one listing per maxAge, not one per read.
                countedAt = nanoClock.getAsLong();
                counted = true;
                listing.set(false);
            }
        });
    }

    private void record(Counts counts) {
        latest = counts;
        failing = false;
        onCount.accept(counts);
    }
}
