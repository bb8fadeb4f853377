package io.imstarter.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Durable group conversations, stored once ("read diffusion"): one row per group message with a per-group sequence
 * number given out in the committing transaction, and one row per member with the sequence it joined at and the
 * sequence delivered to it. A member added at sequence N sees N+1 onwards; a removed member has no row, so nothing
 * after its removal is readable for it.
 *
 * <p>Implementations are thread-safe and block on I/O: call them off Netty event loops. Every method returns only
 * after its change is committed. Refusals throw {@link GroupRefusedException} with the reason.
 */
public interface GroupStore extends ExpiringStore {

    /**
     * Creates a group whose first member is its owner.
     *
     * @param maxGroupsPerUser the most groups the owner may belong to
     * @throws GroupRefusedException {@code ALREADY_EXISTS}, {@code TOO_MANY_GROUPS}
     */
    GroupInfo create(String groupId, String owner, int maxGroupsPerUser);

    /** Deletes a group, its members and its messages; false when there was no such group. */
    boolean delete(String groupId);

    Optional<GroupInfo> group(String groupId);

    /**
     * Adds a member, who joins at the group's current last sequence number and sees only later messages. Adding a
     * member again returns its existing membership.
     *
     * @throws GroupRefusedException {@code NO_SUCH_GROUP}, {@code GROUP_FULL}, {@code TOO_MANY_GROUPS}
     */
    GroupMembership addMember(String groupId, String userId, int maxMembers, int maxGroupsPerUser);

    /**
     * Removes a member; it receives nothing sent after this commit.
     *
     * @return the group's last sequence number at the removal, empty when the user was not a member
     */
    OptionalLong removeMember(String groupId, String userId);

    /** Every member of the group, in user id order. */
    List<GroupMembership> members(String groupId);

    /** Every group the user belongs to, in group id order, each with the user's pointers. */
    List<GroupMembership> groupsOf(String userId);

    /**
     * Stores a message with the group's next sequence number, or, when the same {@code (sender, fp)} is stored
     * already, returns that row marked as a duplicate and stores nothing.
     *
     * @throws GroupRefusedException {@code NO_SUCH_GROUP}, {@code NOT_A_MEMBER}
     */
    GroupAppend append(String groupId, String sender, String fp, String content, int typeu);

    /** A page of the group's messages with a sequence number above {@code afterSeq}, in sequence order. */
    List<StoredGroupMessage> messagesAfter(String groupId, long afterSeq, int limit);

    /**
     * As {@link #messagesAfter}, but only what the user may read: nothing when it is no longer a member, and nothing
     * from before it joined.
     */
    List<StoredGroupMessage> memberMessagesAfter(String groupId, String userId, long afterSeq, int limit);

    /** Raises the member's delivered pointer to {@code seq} (never lowers it); false when not a member. */
    boolean markDelivered(String groupId, String userId, long seq);

    /**
     * Deletes the group messages accepted before the cutoff. Each group loses a prefix of its order: everything up
     * to its newest message accepted before the cutoff (a message of that prefix accepted later, which only clock
     * steps between nodes can make, goes with it), so what stays is always a contiguous tail. Members' delivered
     * pointers are first moved past the prefix, so a catch-up starts after what is gone; the group's
     * {@code last_seq} and the members' read pointers stay as they are.
     *
     * @return the number of messages deleted
     */
    @Override
    long expireAcceptedBefore(Instant cutoff);
}
