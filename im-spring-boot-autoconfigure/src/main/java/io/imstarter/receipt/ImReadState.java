package io.imstarter.receipt;

import io.imstarter.server.GroupSettings;
import io.imstarter.server.ReceiptSettings;
import io.imstarter.store.Conversation;
import io.imstarter.store.GroupReader;
import io.imstarter.store.ReadPointer;
import io.imstarter.store.ReadPointerBuffer;
import io.imstarter.store.ReadStateStore;
import io.imstarter.store.ReadTarget;
import io.imstarter.store.UnreadConversation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The application's view of read state: unread counts per conversation and in total, each user's read pointers, and
 * how many members read a group message. Everything is derived from sequence numbers and the read pointers on each
 * call (the pointers a receipt moved a moment ago included, before they are written), never kept as counters, so
 * the counts cannot drift and stay between 0 and the number of messages. A conversation is named as on the wire: the
 * peer's user id, or the group's address.
 *
 * <p>Thread-safe; every method blocks on the store, so call it off Netty event loops.
 */
public final class ImReadState {

    private final ReadStateStore store;
    private final ReadPointerBuffer pointers;
    private final ReceiptSettings settings;
    private final GroupSettings groups;

    /**
     * @param pointers the buffer the server's receipts move pointers in, so that counts include moves not yet written
     * @param groups the group addressing, or null when the application has no groups
     */
    public ImReadState(ReadStateStore store, ReadPointerBuffer pointers, ReceiptSettings settings,
            GroupSettings groups) {
        this.store = store;
        this.pointers = pointers;
        this.settings = settings;
        this.groups = groups;
    }

    /** The user's conversations with unread messages and the total, each capped for display. */
    public UnreadCounts unread(String userId) {
        int cap = settings.getMaxUnreadCount();
        Map<Conversation, Long> moved = pointers.knownOf(userId);
        Map<String, Integer> counts = new LinkedHashMap<>();
        long total = 0;
        for (UnreadConversation stored : store.unread(userId)) {
            Conversation conversation = stored.conversation();
            if (conversation.group() && groups == null) {
                continue; // group conversations are off
            }
            long pointer = moved.getOrDefault(conversation, stored.readSeq());
            long unread = pointer <= stored.readSeq() ? stored.unread()
                    : conversation.group() ? stored.lastSeq() - pointer
                    : store.c2cUnreadAfter(userId, conversation.id(), pointer, cap);
            if (unread > 0) {
                counts.put(name(conversation), (int) Math.min(unread, cap));
                total += unread;
            }
        }
        return new UnreadCounts(counts, (int) Math.min(total, cap), cap);
    }

    /** The unread messages of one conversation, capped; 0 in a group the user is not a member of. */
    public int unread(String userId, String conversation) {
        Conversation named = conversation(conversation);
        int cap = settings.getMaxUnreadCount();
        if (named.group()) {
            return store.groupReader(named.id(), userId)
                    .map(member -> (int) Math.min(cap, member.lastSeq() - groupPointer(userId, named, member)))
                    .orElse(0);
        }
        return (int) store.c2cUnreadAfter(userId, named.id(), c2cPointer(userId, named), cap);
    }

    /** The user's read pointer in the conversation: everything up to and including this sequence number was read. */
    public long readSeq(String userId, String conversation) {
        Conversation named = conversation(conversation);
        if (named.group()) {
            return store.groupReader(named.id(), userId).map(member -> groupPointer(userId, named, member)).orElse(0L);
        }
        return c2cPointer(userId, named);
    }

    /**
     * Moves the user's pointer forward to {@code seq}, clamped to the conversation's last message, as a receipt
     * would, but without notices (for reads the application learns of itself, e.g. over its own API).
     *
     * @return whether the pointer moved (false when it was there already, or there is nothing to read)
     */
    public boolean markRead(String userId, String conversation, long seq) {
        Conversation named = conversation(conversation);
        if (named.group()) {
            Optional<GroupReader> member = store.groupReader(named.id(), userId);
            Optional<ReadTarget> target = member.flatMap(m -> store.groupMessageAtOrBefore(named.id(), seq));
            return target.isPresent() && pointers.advance(new ReadPointer(userId, named, target.get().seq()),
                    groupPointer(userId, named, member.get()));
        }
        Optional<ReadTarget> target = store.c2cMessageAtOrBefore(userId, named.id(), seq);
        return target.isPresent() && pointers.advance(new ReadPointer(userId, named, target.get().seq()),
                c2cPointer(userId, named));
    }

    /**
     * How many members other than its sender have read the group message {@code seq} (and were members when it was
     * sent): exact, the pointers moved a moment ago written first. Empty when the group has no such message.
     */
    public OptionalLong readCount(String groupId, long seq) {
        Optional<ReadTarget> message = store.groupMessageAtOrBefore(groupId, seq).filter(m -> m.seq() == seq);
        if (message.isEmpty()) {
            return OptionalLong.empty();
        }
        pointers.flush();
        return OptionalLong.of(store.groupReaders(groupId, seq, message.get().sender()));
    }

    private long groupPointer(String userId, Conversation group, GroupReader member) {
        long stored = Math.max(member.joinedSeq(), member.readSeq());
        return Math.max(stored, pointers.known(userId, group).orElse(stored));
    }

    private long c2cPointer(String userId, Conversation peer) {
        long stored = store.c2cReadSeq(userId, peer.id());
        return Math.max(stored, pointers.known(userId, peer).orElse(stored));
    }

    private Conversation conversation(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A conversation is a peer's user id or a group's address, not empty");
        }
        return groups != null && groups.isGroupAddress(name) ? Conversation.ofGroup(groups.groupId(name))
                : Conversation.withPeer(name);
    }

    private String name(Conversation conversation) {
        return conversation.group() ? groups.address(conversation.id()) : conversation.id();
    }
}
