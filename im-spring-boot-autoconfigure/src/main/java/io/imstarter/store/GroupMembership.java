package io.imstarter.store;

/**
 * One user's membership of one group, with the group's current last sequence number.
 *
 * @param groupId the group
 * @param userId the member
 * @param joinedSeq the group's last sequence number when the user joined: it sees only later messages
 * @param deliveredSeq every message up to this one has been acknowledged by the member
 * @param readSeq every message up to this one has been read (kept for read receipts; starts at the join)
 * @param lastSeq the group's latest sequence number
 */
public record GroupMembership(String groupId, String userId, long joinedSeq, long deliveredSeq, long readSeq,
        long lastSeq) {

    /** The last message the member has, or never needs: the later of its join and its delivered pointer. */
    public long caughtUpTo() {
        return Math.max(joinedSeq, deliveredSeq);
    }
}
