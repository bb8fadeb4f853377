package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallbackQueueTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void runsTasksOneAtATimeInSubmissionOrderOnASharedPool() {
        CallbackQueue queue = new CallbackQueue(pool, 100);
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
        CallbackQueue queue = new CallbackQueue(pool, 100);
        List<String> seen = new CopyOnWriteArrayList<>();

        queue.execute(() -> {
            throw new IllegalStateException("listener bug");
        });
        queue.execute(() -> seen.add("after"));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("after"));
    }

    @Test
    void reportsFullWhenMessageDeliveriesReachTheBound() throws InterruptedException {
        CallbackQueue queue = new CallbackQueue(pool, 2);
        CountDownLatch release = new CountDownLatch(1);
        queue.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });

        queue.executeMessage(() -> { });
        assertThat(queue.messagesFull()).isFalse();
        queue.executeMessage(() -> { });
        assertThat(queue.messagesFull()).isTrue();

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !queue.messagesFull());
    }
}
