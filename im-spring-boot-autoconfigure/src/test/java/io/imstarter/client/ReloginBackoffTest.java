package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReloginBackoffTest {

    @Test
    void triesAtOnceThenDoublesFromTheInitialDelayUpToTheMaximum() {
        ReloginBackoff backoff = new ReloginBackoff(Duration.ofSeconds(3), Duration.ofSeconds(30), 0);

        assertThat(backoff.delayMillis(0)).isZero();
        assertThat(backoff.delayMillis(1)).isEqualTo(3000);
        assertThat(backoff.delayMillis(2)).isEqualTo(6000);
        assertThat(backoff.delayMillis(4)).isEqualTo(24000);
        assertThat(backoff.delayMillis(5)).isEqualTo(30000);
        assertThat(backoff.delayMillis(1000)).isEqualTo(30000);
    }

    @Test
    void spreadsEachDelayWithinTheJitter() {
        ReloginBackoff backoff = new ReloginBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.2);

        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delayMillis(1)).isBetween(1600L, 2400L);
        }
        assertThat(IntStream.range(0, 50).mapToLong(i -> backoff.delayMillis(3)).distinct().count())
                .isGreaterThan(1);
    }
}
