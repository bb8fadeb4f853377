package io.imstarter.store;

/**
 * A user's read pointer in one conversation: everything up to and including {@code seq} was read. In a C2C
 * conversation {@code seq} counts in the user's own sequence numbers (those of the messages it received), in a group
 * in the group's.
 */
public record ReadPointer(String userId, Conversation conversation, long seq) {
}
