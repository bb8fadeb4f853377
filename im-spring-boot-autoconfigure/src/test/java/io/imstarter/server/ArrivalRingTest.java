package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracker's arrival order: bounded, oldest out first, and each element due once. */
class ArrivalRingTest {

    @Test
    void aFullRingPushesOutItsOldestElement() {
        ArrivalRing<Integer> ring = new ArrivalRing<>(3);

        assertThat(ring.add(1)).isNull();
        assertThat(ring.add(2)).isNull();
        assertThat(ring.add(3)).isNull();
        assertThat(ring.add(4)).isEqualTo(1);
        assertThat(ring.add(5)).isEqualTo(2);

        assertThat(drain(ring)).containsExactly(3, 4, 5);
    }

    @Test
    void growsPastItsFirstSlotsInOrderUpToItsCapacity() {
        ArrivalRing<Integer> ring = new ArrivalRing<>(5000);
        ring.add(-1);
        ring.pollOldestIf(element -> true);
        List<Integer> pushedOut = new ArrayList<>();

        for (int i = 0; i < 6000; i++) {
            Integer out = ring.add(i);
            if (out != null) {
                pushedOut.add(out);
            }
        }

        assertThat(pushedOut).hasSize(1000).first().isEqualTo(0);
        assertThat(pushedOut).last().isEqualTo(999);
        assertThat(drain(ring)).hasSize(5000).startsWith(1000, 1001).endsWith(5999);
    }

    @Test
    void removesTheOldestOnlyWhenItHasExpired() {
        ArrivalRing<Integer> ring = new ArrivalRing<>(10);
        ring.add(1);
        ring.add(2);

        assertThat(ring.pollOldestIf(element -> element > 1)).isNull();
        assertThat(ring.pollOldestIf(element -> element < 2)).isEqualTo(1);
        assertThat(ring.pollOldestIf(element -> element < 2)).isNull();
    }

    @Test
    void handsOutEachDueElementOnceOldestFirst() {
        ArrivalRing<Integer> ring = new ArrivalRing<>(10);
        ring.add(1);
        ring.add(2);
        ring.add(3);

        assertThat(ring.nextDue(element -> element <= 2)).isEqualTo(1);
        assertThat(ring.nextDue(element -> element <= 2)).isEqualTo(2);
        assertThat(ring.nextDue(element -> element <= 2)).isNull();
        assertThat(ring.pollOldestIf(element -> true)).isEqualTo(1);
        assertThat(ring.nextDue(element -> true)).isEqualTo(3);
        assertThat(ring.nextDue(element -> true)).isNull();
    }

    @Test
    void anElementPushedOutBeforeItWasDueIsNeverHandedOut() {
        ArrivalRing<Integer> ring = new ArrivalRing<>(2);
        ring.add(1);
        assertThat(ring.nextDue(element -> true)).isEqualTo(1);
        ring.add(2);
        ring.add(3);
        ring.add(4);

        assertThat(ring.nextDue(element -> true)).isEqualTo(3);
        assertThat(ring.nextDue(element -> true)).isEqualTo(4);
        assertThat(ring.nextDue(element -> true)).isNull();
    }

    private static List<Integer> drain(ArrivalRing<Integer> ring) {
        List<Integer> all = new ArrayList<>();
        for (Integer next = ring.pollOldestIf(element -> true); next != null; next = ring.pollOldestIf(e -> true)) {
            all.add(next);
        }
        return all;
    }
}
