package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The inbox is bounded for every packet, keep-alives included, and keeps one slot for the connection's end; a task
 * run on the caller's thread keeps the order.
 */
class SerialInboxTest {

    private final Queue<Runnable> pool = new ArrayDeque<>();
    private final List<String> ran = new ArrayList<>();
    private final SerialInbox inbox = new SerialInbox(pool::add, 2);

    @Test
    void refusesTasksBeyondItsCapacity() {
        assertThat(inbox.offer(task("first"))).isTrue();
        assertThat(inbox.offer(task("second"))).isTrue();

        assertThat(inbox.offer(task("third"))).isFalse();
    }

    @Test
    void theConnectionsEndFitsIntoAFullInboxOnce() {
        inbox.offer(task("first"));
        inbox.offer(task("second"));

        assertThat(inbox.offerLast(task("end"))).isTrue();
        assertThat(inbox.offerLast(task("another end"))).isFalse();
        assertThat(inbox.offer(task("after the end"))).isFalse();

        runPool();
        assertThat(ran).containsExactly("first", "second", "end");
    }

    @Test
    void runsATaskOnTheCallersThreadWhenNothingIsQueued() {
        assertThat(inbox.runIfIdle(task("in line"))).isTrue();

        assertThat(ran).containsExactly("in line");
        assertThat(pool).isEmpty();
    }

    @Test
    void leavesATaskToTheQueueWhileAnotherWaits() {
        inbox.offer(task("queued"));

        assertThat(inbox.runIfIdle(task("in line"))).isFalse();
        assertThat(ran).isEmpty();
    }

    @Test
    void whatIsQueuedDuringATaskInLineRunsAfterIt() {
        inbox.runIfIdle(() -> {
            assertThat(inbox.offer(task("queued meanwhile"))).isTrue();
            assertThat(inbox.runIfIdle(task("second in line"))).isFalse();
            ran.add("in line");
            return CompletableFuture.completedFuture(null);
        });

        assertThat(ran).containsExactly("in line");
        runPool();
        assertThat(ran).containsExactly("in line", "queued meanwhile");
        assertThat(inbox.runIfIdle(task("later"))).isTrue();
    }

    private Supplier<CompletionStage<?>> task(String name) {
        return () -> {
            ran.add(name);
            return CompletableFuture.completedFuture(null);
        };
    }

    private void runPool() {
        for (Runnable next = pool.poll(); next != null; next = pool.poll()) {
            next.run();
        }
    }
}
