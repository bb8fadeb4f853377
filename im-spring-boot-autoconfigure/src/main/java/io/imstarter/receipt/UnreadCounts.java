package io.imstarter.receipt;

import java.util.Map;

/**
 * A user's unread messages, for display: each count and the total are capped at the same maximum
 * ({@code im.receipts.max-unread-count}), so a count equal to {@code cap} means "at least that many".
 *
 * @param byConversation the conversations with unread messages, by peer id or group address, in that order
 * @param total all of them together, capped
 * @param cap the cap of every count
 */
public record UnreadCounts(Map<String, Integer> byConversation, int total, int cap) {

    public UnreadCounts {
        byConversation = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byConversation));
    }

    /** The unread messages of one conversation, 0 when it has none. */
    public int of(String conversation) {
        return byConversation.getOrDefault(conversation, 0);
    }
}
