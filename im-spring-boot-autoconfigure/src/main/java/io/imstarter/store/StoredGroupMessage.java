package io.imstarter.store;

/**
 * One group message, stored once for all members.
 *
 * @param groupId the group
 * @param seq its place in the group's one order: 1, 2, 3 ... with no gaps
 * @param sender the member who sent it
 * @param fp the sender's fingerprint; unique per {@code (groupId, sender)}, and the fingerprint of every copy
 * @param content the payload ({@code dataContent} on the wire)
 * @param typeu the application sub-type, passed through
 * @param acceptedAt when the store committed it, in epoch milliseconds
 */
public record StoredGroupMessage(String groupId, long seq, String sender, String fp, String content, int typeu,
        long acceptedAt) {
}
