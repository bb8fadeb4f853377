package io.imstarter.server;

import io.imstarter.store.MessageRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The ACKed messages of one receiver's replay that wait to be marked delivered in the store. One store task at a
 * time marks all that wait in one commit, so a receiver that ACKs thousands of messages a second costs the bounded
 * store queue one task and the database one commit per batch, not one per ACK. Guarded by this object; never held
 * while calling out.
 */
final class DeliveryMarks {

    /** How many windows of ACKed messages may wait for the store before the replay stops sending. */
    private static final int BACKLOG_WINDOWS = 4;
    private static final long QUEUE_FULL_RETRY_MILLIS = 100;

    private final StoredReplay owner;
    private final String receiver;
    private final Runnable caughtUp;
    private List<MessageRef> waiting = new ArrayList<>();
    private boolean marking;

    /** {@code caughtUp} runs after each batch, so that a replay held back by {@link #isBacklogged} goes on. */
    DeliveryMarks(StoredReplay owner, String receiver, Runnable caughtUp) {
        this.owner = owner;
        this.receiver = receiver;
        this.caughtUp = caughtUp;
    }

    /** Queues the mark of the message {@code key} (its sender and fp) for the next batch. */
    void add(MessageKey key) {
        synchronized (this) {
            waiting.add(new MessageRef(key.peer(), key.fp()));
            if (marking) {
                return;
            }
            marking = true;
        }
        queueBatch();
    }

    /** Whether so many marks wait that the replay should not send more before the store catches up. */
    synchronized boolean isBacklogged(int window) {
        return waiting.size() >= BACKLOG_WINDOWS * window;
    }

    /**
     * A full store queue delays the batch rather than dropping it; only a stopping server (no timer left) leaves the
     * messages undelivered, to be replayed at the next login and dropped there by the receiver's de-duplication.
     */
    private void queueBatch() {
        if (owner.runOnStore(this::markBatch) || owner.schedule(this::queueBatch, QUEUE_FULL_RETRY_MILLIS) != null) {
            return;
        }
        synchronized (this) {
            marking = false;
        }
    }

    private void markBatch() {
        List<MessageRef> batch;
        synchronized (this) {
            batch = waiting;
            waiting = new ArrayList<>();
        }
        owner.markDeliveredNow(receiver, batch);
        boolean more;
        synchronized (this) {
            more = !waiting.isEmpty();
            marking = more;
        }
        if (more) {
            queueBatch();
        }
        caughtUp.run();
    }
}
