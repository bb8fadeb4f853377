package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallbackQueueTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void recoversWhenABoundedExecutorSilentlyDropsItsDrain() {
        AtomicInteger offered = new AtomicInteger();
        // Drops the first task it is given without a word, as a full bounded executor may.
        Executor dropsFirst = task -> {
            if (offered.getAndIncrement() > 0) {
                pool.execute(task);
            }
        };
        CallbackQueue queue = new CallbackQueue(dropsFirst, scheduler);
        List<Integer> seen = new CopyOnWriteArrayList<>();

        queue.execute(() -> seen.add(1));
        queue.execute(() -> seen.add(2));

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        assertThat(seen).containsExactly(1, 2);
        assertThat(offered.get()).isEqualTo(2);
    }

    @Test
    void runsTasksOneAtATimeInSubmissionOrderOnASharedPool() {
        CallbackQueue queue = new CallbackQueue(pool, scheduler);
        List<Integer> seen = new CopyOnWriteArrayList<>();

        for (int i = 0; i < 1000; i++) {
            int n = i;
            queue.execute(() -> seen.add(n));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1000);
        assertThat(seen).isSorted();
    }

    @Test
    void keepsGoingAfterAFailingTask() {
        CallbackQueue queue = new CallbackQueue(pool, scheduler);
        List<String> seen = new CopyOnWriteArrayList<>();

        queue.execute(() -> {
            throw new IllegalStateException("listener bug");
        });
        queue.execute(() -> seen.add("after"));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("after"));
    }
}
