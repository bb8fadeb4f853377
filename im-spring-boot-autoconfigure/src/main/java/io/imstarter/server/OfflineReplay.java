package io.imstarter.server;

import io.imstarter.protocol.Packet;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Delivers what the offline hand-off stored once its receiver logs in (section 10), and settles the receiver's ACKs
 * of stored messages. {@link #NONE} when the server has no message store.
 */
interface OfflineReplay {

    /** The server without a message store: nothing to replay, no ACK to claim. */
    OfflineReplay NONE = new OfflineReplay() {
    };

    default void start(ScheduledExecutorService scheduler) {
    }

    default void stop() {
    }

    /** A login succeeded on {@code connection} and its 50 is queued: replay from the store to it. */
    default void loggedIn(Connection connection) {
    }

    /**
     * A type 4 from a logged-in receiver to another user. Claims the ACK of a message this replay sent (it marks the
     * stored copy delivered; the sender had its ACK when the message was stored, so the ACK goes no further).
     *
     * @return true when claimed
     */
    default boolean acknowledge(Packet ack) {
        return false;
    }

    /** The offline hand-off stored a message: a receiver online again gets it from its replay at once. */
    default void stored(Packet message) {
        storedFor(message.to());
    }

    /** The store holds new messages for {@code receiver}: if it is online here, its replay reads them at once. */
    default void storedFor(String receiver) {
    }

    /** Whether the receiver's replay sent this message, so that a late live copy of it would repeat it. */
    default boolean replayed(Packet message) {
        return false;
    }

    /** A live copy of a message reached its receiver's connection: a stored copy of it is not to be replayed. */
    default void deliveredLive(Packet message) {
    }

    /** The receiver acknowledged a live copy of a message that was also stored: mark the stored copy delivered. */
    default void storedCopyAcknowledged(Packet ack) {
    }
}
