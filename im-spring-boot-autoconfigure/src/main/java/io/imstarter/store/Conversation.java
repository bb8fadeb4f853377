package io.imstarter.store;

/**
 * A conversation as read pointers know it: a user's C2C conversation with one peer, or a group.
 *
 * @param id the peer's user id, or the group's id (without the wire address prefix)
 * @param group whether it is a group
 */
public record Conversation(String id, boolean group) {

    public static Conversation withPeer(String peer) {
        return new Conversation(peer, false);
    }

    public static Conversation ofGroup(String groupId) {
        return new Conversation(groupId, true);
    }
}
