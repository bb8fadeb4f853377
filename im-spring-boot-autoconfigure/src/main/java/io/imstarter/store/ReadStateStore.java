package io.imstarter.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Read pointers and what is derived from them (read receipts, unread counts): one forward-only pointer per user and
 * conversation. A C2C pointer counts in the reader's own sequence numbers, those the {@link MessageStore} gave the
 * messages it received; a group member's in the group's ({@link GroupStore}). Unread counts are computed from the
 * sequence numbers and the pointers on every call, never kept as counters, so they cannot drift.
 *
 * <p>Implementations are thread-safe and block on I/O: call them off Netty event loops.
 */
public interface ReadStateStore {

    /** The message with fingerprint {@code fp} that {@code peer} sent {@code reader}. */
    Optional<ReadTarget> c2cMessage(String reader, String peer, String fp);

    /** The newest message {@code peer} sent {@code reader} with a sequence number up to {@code seq}. */
    Optional<ReadTarget> c2cMessageAtOrBefore(String reader, String peer, long seq);

    /** The reader's stored pointer in its conversation with {@code peer}; 0 before its first receipt. */
    long c2cReadSeq(String reader, String peer);

    /** The user's position in the group; empty when it is not a member (or there is no such group). */
    Optional<GroupReader> groupReader(String groupId, String userId);

    /**
     * The group message with fingerprint {@code fp} (the oldest when two senders used the same one) with the
     * position of {@code userId}, in one read; empty when there is no such message or the user is not a member.
     */
    Optional<GroupRead> groupMessageForMember(String groupId, String userId, String fp);

    /** The group's newest message with a sequence number up to {@code seq}. */
    Optional<ReadTarget> groupMessageAtOrBefore(String groupId, long seq);

    /**
     * Moves each pointer forward to its {@code seq}; a pointer already there or beyond is left alone, and a group
     * pointer of a user who is no longer a member is dropped. One transaction where the store can.
     */
    void write(Collection<ReadPointer> pointers);

    /**
     * The user's conversations with unread messages by the stored pointers: C2C peers with messages above the
     * pointer, groups whose last sequence number is above it.
     */
    List<UnreadConversation> unread(String userId);

    /** How many messages {@code peer} sent {@code reader} above {@code afterSeq}, counting at most {@code cap}. */
    long c2cUnreadAfter(String reader, String peer, long afterSeq, int cap);

    /**
     * How many members of the group, other than {@code sender}, have read up to {@code seq} and were members when it
     * was sent.
     */
    long groupReaders(String groupId, long seq, String sender);
}
