package io.imstarter.event;

/**
 * A message to a group was stored, once, and is being fanned out to the members; a repeated fingerprint is not
 * published again.
 *
 * @param groupId the group, without the wire address prefix
 * @param seq its place in the group's order
 * @param sender the member who sent it
 * @param fp the sender's fingerprint
 * @param content the payload
 * @param typeu the application sub-type
 * @param acceptedAt when the store committed it, in epoch milliseconds
 */
public record ImGroupMessageEvent(String groupId, long seq, String sender, String fp, String content, int typeu,
        long acceptedAt) implements ImEvent {
}
