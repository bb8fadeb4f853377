package io.imstarter.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

    private final ExecutorService starter = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopStarter() {
        starter.shutdownNow();
    }

    @Test
    void startsNoMoreThanTheLimitAndTheRestInOrderAsSlotsFree() {
        InFlightLimit limit = new InFlightLimit(2, 10, starter);
        List<CompletableFuture<Integer>> started = new ArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(limit.submit(() -> {
                CompletableFuture<Integer> operation = new CompletableFuture<>();
                synchronized (started) {
                    started.add(operation);
                }
                return operation;
            }));
        }
        assertThat(started).hasSize(2);
        for (int i = 0; i < 5; i++) {
            int index = i;
            await().until(() -> {
                synchronized (started) {
                    return started.size() > index;
                }
            });
            synchronized (started) {
                assertThat(started).hasSizeLessThanOrEqualTo(index + 2);
                started.get(index).complete(index);
            }
        }
        for (int i = 0; i < 5; i++) {
            assertThat(results.get(i).join()).isEqualTo(i);
        }
    }

    @Test
    void refusesAtOnceWhenTheWaitingRoomIsFullAndPassesFailuresOn() {
        InFlightLimit limit = new InFlightLimit(1, 1, starter);
        CompletableFuture<String> running = new CompletableFuture<>();
        CompletableFuture<String> first = limit.submit(() -> running);
        CompletableFuture<String> waiting = limit.submit(() -> CompletableFuture.completedFuture("second"));
        CompletableFuture<String> refused = limit.submit(() -> CompletableFuture.completedFuture("third"));

        assertThat(refused).isCompletedExceptionally();
        running.completeExceptionally(new IllegalStateException("Redis is down"));
        assertThat(first).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .withMessageContaining("Redis is down");
        assertThat(waiting.join()).isEqualTo("second");
    }

    @Test
    void anOperationThatThrowsFailsItsFutureAndFreesItsSlot() {
        InFlightLimit limit = new InFlightLimit(1, 10, starter);
        CompletableFuture<String> thrown = limit.submit(() -> {
            throw new IllegalArgumentException("bad script");
        });
        assertThat(thrown).isCompletedExceptionally();
        assertThat(limit.submit(() -> CompletableFuture.completedFuture("next")).join()).isEqualTo("next");
    }
}
