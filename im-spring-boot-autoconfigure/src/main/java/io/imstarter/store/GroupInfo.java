package io.imstarter.store;

/**
 * A group as its store holds it.
 *
 * @param groupId the group's id, without the wire address prefix
 * @param owner the user who created it
 * @param lastSeq the sequence number of its latest message, 0 before the first
 * @param memberCount how many members it has
 * @param createdAt when it was created, in epoch milliseconds
 */
public record GroupInfo(String groupId, String owner, long lastSeq, int memberCount, long createdAt) {
}
