package io.imstarter.event;

/**
 * A group was created or deleted, or a member joined or left it, through {@code ImGroups}.
 *
 * @param change what happened
 * @param groupId the group
 * @param userId the owner for {@link Change#CREATED}, the member for {@link Change#JOINED} and {@link Change#LEFT},
 *        null for {@link Change#DELETED}
 * @param atSeq the group's last sequence number when it happened: a member that joined sees messages after it, a
 *        member that left none after it
 */
public record ImGroupMembershipEvent(Change change, String groupId, String userId, long atSeq) implements ImEvent {

    /** The kinds of change. */
    public enum Change {
        CREATED, DELETED, JOINED, LEFT
    }
}
