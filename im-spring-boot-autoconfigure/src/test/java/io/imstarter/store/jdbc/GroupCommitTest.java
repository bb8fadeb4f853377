package io.imstarter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.store.StoredMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An append given up by its caller (its future cancelled, as the server's offline hand-off does when its deadline
 * passes and the sender is told 305) is not written when the writer reaches it: the sender was told it was refused.
 */
class GroupCommitTest {

    private final CountDownLatch firstBatchEntered = new CountDownLatch(1);
    private final CountDownLatch releaseFirstBatch = new CountDownLatch(1);
    private final List<List<String>> written = new CopyOnWriteArrayList<>();

    private final GroupCommit commit = new GroupCommit(100, 10, batch -> {
        written.add(batch.stream().map(GroupCommit.Pending::fp).toList());
        if (written.size() == 1) {
            firstBatchEntered.countDown();
            await(releaseFirstBatch);
        }
        batch.forEach(pending -> pending.done().complete(null));
        return null;
    });

    @Test
    void anAppendCancelledWhileItWaitsIsSkippedAndTheOthersAreWritten() throws Exception {
        CompletableFuture<StoredMessage> first = commit.submit("bob", "alice", "fp-1", "one", -1);
        await(firstBatchEntered);
        CompletableFuture<StoredMessage> givenUp = commit.submit("bob", "alice", "fp-2", "two", -1);
        CompletableFuture<StoredMessage> kept = commit.submit("bob", "alice", "fp-3", "three", -1);

        givenUp.cancel(false);
        releaseFirstBatch.countDown();
        kept.get(10, TimeUnit.SECONDS);
        commit.close();

        assertThat(first).isCompleted();
        assertThat(written).containsExactly(List.of("fp-1"), List.of("fp-3"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
