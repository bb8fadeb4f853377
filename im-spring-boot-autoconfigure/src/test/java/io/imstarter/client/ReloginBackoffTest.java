package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReloginBackoffTest {

    @Test
    void triesQuicklyFirstThenDoublesFromTheInitialDelayUpToTheMaximum() {
        ReloginBackoff backoff = new ReloginBackoff(Duration.ofSeconds(3), Duration.ofSeconds(30), 0);
        int fast = ReloginBackoff.FAST_ATTEMPTS;

        for (int attempt = 0; attempt < fast; attempt++) {
            assertThat(backoff.delayMillis(attempt)).isBetween(ReloginBackoff.FAST_MAX_MILLIS / 4,
                    ReloginBackoff.FAST_MAX_MILLIS - 1);
        }
        assertThat(backoff.delayMillis(fast)).isEqualTo(3000);
        assertThat(backoff.delayMillis(fast + 1)).isEqualTo(6000);
        assertThat(backoff.delayMillis(fast + 3)).isEqualTo(24000);
        assertThat(backoff.delayMillis(fast + 4)).isEqualTo(30000);
        assertThat(backoff.delayMillis(1000)).isEqualTo(30000);
    }

    @Test
    void spreadsTheQuickAttemptsSoThatClientsDroppedTogetherDoNotReturnTogether() {
        ReloginBackoff backoff = new ReloginBackoff(Duration.ofSeconds(3), Duration.ofSeconds(30), 0.2);

        assertThat(IntStream.range(0, 50).mapToLong(i -> backoff.delayMillis(0)).distinct().count())
                .isGreaterThan(10);
    }

    @Test
    void keepsQuickAttemptsUnderAShortInitialDelay() {
        ReloginBackoff backoff = new ReloginBackoff(Duration.ofMillis(200), Duration.ofSeconds(1), 0.2);

        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delayMillis(0)).isBetween(50L, 199L);
        }
    }

    @Test
    void spreadsEachDelayWithinTheJitter() {
        ReloginBackoff backoff = new ReloginBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.2);
        int firstSlow = ReloginBackoff.FAST_ATTEMPTS;

        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delayMillis(firstSlow)).isBetween(1600L, 2400L);
        }
        assertThat(IntStream.range(0, 50).mapToLong(i -> backoff.delayMillis(firstSlow + 2)).distinct().count())
                .isGreaterThan(1);
    }
}
