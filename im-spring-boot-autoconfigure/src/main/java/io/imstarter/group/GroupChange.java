package io.imstarter.group;

/**
 * A committed membership change.
 *
 * @param kind what happened
 * @param groupId the group
 * @param userId the owner of a created group, the member who joined or left, null for a deleted group
 * @param atSeq the group's last sequence number when it happened
 */
public record GroupChange(Kind kind, String groupId, String userId, long atSeq) {

    /** The kinds of change. */
    public enum Kind {
        CREATED, DELETED, JOINED, LEFT
    }
}
