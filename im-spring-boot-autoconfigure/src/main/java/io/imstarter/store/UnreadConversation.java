package io.imstarter.store;

/**
 * A conversation with unread messages, as the store's pointers have it.
 *
 * @param conversation the peer or the group
 * @param unread messages above the pointer (for C2C, those the peer sent; for a group, the group's)
 * @param readSeq the stored pointer the count starts after
 * @param lastSeq the conversation's newest sequence number
 */
public record UnreadConversation(Conversation conversation, long unread, long readSeq, long lastSeq) {
}
