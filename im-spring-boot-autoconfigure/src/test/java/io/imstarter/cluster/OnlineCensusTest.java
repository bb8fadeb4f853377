package io.imstarter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Transport;
import io.imstarter.server.ClusterPresence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OnlineCensusTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final AtomicLong now = new AtomicLong();
    private final List<CompletableFuture<List<ClusterPresence>>> listings = new ArrayList<>();
    private final List<OnlineCensus.Counts> reported = new ArrayList<>();
    private final OnlineCensus census = new OnlineCensus(limit -> {
        CompletableFuture<List<ClusterPresence>> listing = new CompletableFuture<>();
        listings.add(listing);
        return listing;
    }, 3, MAX_AGE, now::get, reported::add);

    @Test
    void readsAnswerAtOnceAndStartOneListingWhileItRuns() {
        assertThat(census.counts()).isEqualTo(OnlineCensus.Counts.NONE);
        assertThat(census.counts()).isEqualTo(OnlineCensus.Counts.NONE);
        assertThat(listings).hasSize(1);

        listings.get(0).complete(List.of(user("alice", "a"), user("bob", "b"), user("carol", "b")));

        assertThat(census.counts()).isEqualTo(new OnlineCensus.Counts(3, Map.of("a", 1, "b", 2), true));
        assertThat(reported).containsExactly(census.counts());
        assertThat(listings).hasSize(1);
    }

    @Test
    void countsAreListedAgainOnlyOnceTheyAreOlderThanTheMaxAge() {
        census.counts();
        listings.get(0).complete(List.of(user("alice", "a")));

        now.addAndGet(MAX_AGE.toNanos() - 1);
        census.counts();
        assertThat(listings).hasSize(1);

        now.incrementAndGet();
        assertThat(census.counts().total()).isEqualTo(1);
        assertThat(listings).hasSize(2);
        listings.get(1).complete(List.of());
        assertThat(census.counts()).isEqualTo(new OnlineCensus.Counts(0, Map.of(), false));
    }

    @Test
    void aFailedListingKeepsTheLastCountsAndIsNotRetriedBeforeTheMaxAge() {
        census.counts();
        listings.get(0).complete(List.of(user("alice", "a")));
        now.addAndGet(MAX_AGE.toNanos());
        census.counts();

        listings.get(1).completeExceptionally(new IllegalStateException("Redis is away"));

        assertThat(census.counts()).isEqualTo(new OnlineCensus.Counts(1, Map.of("a", 1), false));
        assertThat(listings).hasSize(2);
        now.addAndGet(MAX_AGE.toNanos());
        census.counts();
        assertThat(listings).hasSize(3);
    }

    private static ClusterPresence user(String userId, String nodeId) {
        return new ClusterPresence(userId, nodeId, Transport.TCP, 1, Instant.EPOCH);
    }
}
