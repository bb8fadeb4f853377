package io.imstarter.store.jdbc;

import io.imstarter.store.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends that arrive while a commit is in progress wait in a bounded queue and go into the next commit together:
 * one writer thread takes whatever is queued (up to a batch) and writes it in one transaction, so the cost of a
 * commit (the log flush) is shared by every message in it. Appends are written in the order they were submitted.
 * Each append's future completes on the writer thread once its batch is committed, or fails alone when only it
 * was refused (a full receiver, say) and together with its batch when the transaction failed.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** One append waiting for its commit. */
    record Pending(String receiver, String sender, String fp, String content, int typeu,
            CompletableFuture<StoredMessage> done) {
    }

    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final Function<List<Pending>, Void> writeBatch;
    private Thread writer;
    private volatile boolean closed;

    /**
     * @param capacity appends that may wait; more are refused at once
     * @param maxBatch the most appends in one transaction
     * @param writeBatch writes a batch in one transaction and completes each append's future
     */
    GroupCommit(int capacity, int maxBatch, Function<List<Pending>, Void> writeBatch) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.writeBatch = writeBatch;
    }

    /**
     * Queues an append; fails at once with {@link RejectedExecutionException} when the queue is full or closed.
     * Cancelling the returned future before the writer takes the append leaves it unwritten.
     */
    CompletableFuture<StoredMessage> submit(String receiver, String sender, String fp, String content, int typeu) {
        startWriter();
        CompletableFuture<StoredMessage> done = new CompletableFuture<>();
        if (closed || !queue.offer(new Pending(receiver, sender, fp, content, typeu, done))) {
            done.completeExceptionally(new RejectedExecutionException(closed ? "The message store is closed"
                    : "The message store has " + queue.size() + " appends waiting for their commit"));
        }
        return done;
    }

    /** The writer starts with the first append, so a store that is only read has no thread. */
    private synchronized void startWriter() {
        if (writer == null && !closed) {
            writer = new Thread(this::writeUntilClosed, "im-store-commit");
            writer.setDaemon(true);
            writer.start();
        }
    }

    private void writeUntilClosed() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                // An append whose future is already done was given up by its caller (its deadline passed and its
                // sender was told 305): writing it now would store a message its sender believes refused.
                batch.removeIf(pending -> pending.done().isDone());
                if (!batch.isEmpty()) {
                    write(batch);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            finally {
                batch.clear();
            }
        }
        failWaiting(new RejectedExecutionException("The message store is closed"));
    }

    private void write(List<Pending> batch) {
        try {
            writeBatch.apply(batch);
        }
        catch (RuntimeException ex) {
            log.warn("IM store: a batch of {} appends failed", batch.size(), ex);
            batch.forEach(pending -> pending.done().completeExceptionally(ex));
        }
    }

    private void failWaiting(RuntimeException reason) {
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.done().completeExceptionally(reason);
        }
    }

    /** Writes what is queued, then stops the writer; later appends are refused. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = writer;
        }
        if (running == null) {
            return;
        }
        try {
            running.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
