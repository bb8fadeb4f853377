package io.imstarter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DisplacementWaitsTest {

    @Test
    void aWaitEndsWhenItsDisplacementIsConfirmedAndNoOtherDoes() {
        DisplacementWaits waits = new DisplacementWaits(Duration.ofMinutes(1));
        DisplacementWaits.Wait first = waits.open();
        DisplacementWaits.Wait second = waits.open();

        waits.confirmed(first.requestId());

        assertThat(first.confirmed()).isCompleted();
        assertThat(second.confirmed()).isNotDone();
        assertThat(waits.size()).isOne();
    }

    @Test
    void aWaitNobodyConfirmsEndsAfterTheTimeoutWithoutFailing() throws Exception {
        DisplacementWaits waits = new DisplacementWaits(Duration.ofMillis(50));

        DisplacementWaits.Wait wait = waits.open();

        assertThat(wait.confirmed().get(5, TimeUnit.SECONDS)).isNull();
        assertThat(waits.size()).isZero();
    }

    @Test
    void beyondTheBoundANewWaitEndsAtOnce() {
        DisplacementWaits waits = new DisplacementWaits(Duration.ofMinutes(1));
        for (int i = 0; i < DisplacementWaits.MAX_WAITING; i++) {
            waits.open();
        }

        assertThat(waits.open().confirmed()).isCompleted();
        assertThat(waits.size()).isEqualTo(DisplacementWaits.MAX_WAITING);
    }

    @Test
    void leavingTheClusterEndsEveryWait() {
        DisplacementWaits waits = new DisplacementWaits(Duration.ofMinutes(1));
        DisplacementWaits.Wait wait = waits.open();

        waits.abandonAll();

        assertThat(wait.confirmed()).isCompleted();
        assertThat(waits.size()).isZero();
    }
}
