package io.imstarter.server;

/** Who a member's copy of a group message names in {@code from} ({@code im.group.copy-from}). */
public enum GroupCopyFrom {
    /** The group's address: a stock client then shows the message in the group's conversation. */
    GROUP,
    /** The sender's user id: a stock client then shows it in the sender's conversation. */
    SENDER
}
