package io.imstarter.store;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Durable storage of C2C messages for their receivers (wire protocol section 10): what could not be delivered live
 * waits here until the receiver acknowledges it, and stays readable as conversation history until it expires.
 *
 * <p>Implementations are thread-safe and block on I/O: call them off Netty event loops. Every method returns only
 * after its change is durable (committed).
 */
public interface MessageStore extends ExpiringStore {

    /**
     * Stores a message for its receiver with the next sequence number of that receiver and the current time.
     * Idempotent per {@code (receiver, sender, fp)}: appending the same message again returns the record stored
     * the first time and stores no second copy.
     *
     * @return the stored record
     * @throws StoreFullException when the receiver already has the maximum number of undelivered messages
     * @throws IllegalArgumentException when an id or the fingerprint is empty or too long for the store
     */
    StoredMessage append(String receiver, String sender, String fp, String content, int typeu);

    /**
     * {@link #append} without holding the calling thread: the future completes with the stored record after the
     * commit, or fails with what {@code append} would throw; a store that cannot take more at the moment fails it
     * with {@link java.util.concurrent.RejectedExecutionException}. A store may write concurrent appends in one
     * commit. This default runs {@code append} on {@code executor}, so with a single-threaded executor appends
     * are written in the order they were submitted; see {@link #appendsInSubmissionOrder()}.
     */
    default CompletableFuture<StoredMessage> appendAsync(String receiver, String sender, String fp, String content,
            int typeu, Executor executor) {
        return CompletableFuture.supplyAsync(() -> append(receiver, sender, fp, content, typeu), executor);
    }

    /**
     * Whether {@link #appendAsync} writes appends in the order they were submitted whatever the executor, so that a
     * caller may submit a receiver's next message before the previous one is committed.
     */
    default boolean appendsInSubmissionOrder() {
        return false;
    }

    /**
     * Records a message its receiver already acknowledged live, for the conversation history, in one commit: it is
     * stored as delivered (so it is never replayed and does not count against the receiver's cap), or, when a copy
     * of it is already stored, that copy is marked delivered. Idempotent per {@code (receiver, sender, fp)}.
     *
     * @return the stored record
     * @throws IllegalArgumentException when an id or the fingerprint is empty or too long for the store
     */
    StoredMessage recordDelivered(String receiver, String sender, String fp, String content, int typeu);

    /**
     * A page of the receiver's undelivered messages in sequence order.
     *
     * @param afterSeq only messages with a greater sequence number; 0 for the first page
     * @param limit the most messages to return
     */
    List<StoredMessage> undelivered(String receiver, long afterSeq, int limit);

    /**
     * Marks a message delivered after the receiver's ACK; it leaves the undelivered list and stays in the history.
     *
     * @return true when an undelivered message was marked, false when none matched (unknown or already delivered)
     */
    boolean markDelivered(String receiver, String sender, String fp);

    /**
     * Marks several of the receiver's messages delivered after its ACKs, in one commit where the store can: a
     * receiver catching up ACKs thousands a second, and one commit each would make the store the step that waits.
     * The default marks them one by one.
     *
     * @return how many undelivered messages were marked
     */
    default int markDelivered(String receiver, List<MessageRef> messages) {
        int marked = 0;
        for (MessageRef message : messages) {
            if (markDelivered(receiver, message.sender(), message.fp())) {
                marked++;
            }
        }
        return marked;
    }

    /** The number of undelivered messages stored for the receiver. */
    long countUndelivered(String receiver);

    /**
     * A page of the conversation between two users, both directions, newest first.
     *
     * @param beforeId only messages with a smaller {@link StoredMessage#id()}; {@link Long#MAX_VALUE} for the
     *        newest page, then the id of the last message of the previous page
     * @param limit the most messages to return
     */
    List<StoredMessage> history(String user, String peer, long beforeId, int limit);

    /**
     * Deletes every message, delivered or not, accepted before the cutoff.
     *
     * @return the number of messages deleted
     */
    @Override
    long expireAcceptedBefore(Instant cutoff);
}
