package io.imstarter.store;

/**
 * A member's read position in a group.
 *
 * @param joinedSeq the member sees only messages after this one
 * @param readSeq its stored read pointer (at least {@code joinedSeq})
 * @param lastSeq the group's latest sequence number
 * @param memberCount how many members the group has
 */
public record GroupReader(long joinedSeq, long readSeq, long lastSeq, int memberCount) {
}
