package io.imstarter.event;

import io.imstarter.protocol.GroupEnvelope;

/**
 * A message arrived at an embedded client (duplicates dropped; a QoS message is ACKed once the listeners ran).
 *
 * @param userId the user id of the embedded client
 * @param message the message
 * @param group for a member's copy of a group message (whose {@code fromUserId} is the group's address), the
 *     member who sent it and its place in the group's order; null for any other message
 */
public record ImClientMessageReceivedEvent(String userId, ImMessage message, GroupEnvelope.Copy group)
        implements ImEvent {

    /** A message that is not a group copy. */
    public ImClientMessageReceivedEvent(String userId, ImMessage message) {
        this(userId, message, null);
    }

    /** Whether the message is a member's copy of a group message. */
    public boolean isGroupCopy() {
        return group != null;
    }
}
