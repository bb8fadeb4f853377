package io.imstarter.group;

import io.imstarter.server.GroupSettings;
import io.imstarter.store.GroupInfo;
import io.imstarter.store.GroupMembership;
import io.imstarter.store.GroupRefusedException;
import io.imstarter.store.GroupRefusedException.Reason;
import io.imstarter.store.GroupStore;
import io.imstarter.store.StoredGroupMessage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The application's side of group conversations: creates and deletes groups, adds and removes members within the
 * configured limits, lists a user's groups and a group's members, and reads a group's history by sequence number.
 * Messages themselves travel on the wire: a member sends a type 2 to the group's {@link #address}. Every change is
 * committed before the method returns and is then told to the {@link GroupListener}. Blocks on the store: call it
 * off Netty event loops. Refusals throw {@link GroupRefusedException} with one sentence naming the limit.
 */
public final class ImGroups {

    /** The most messages one history call returns. */
    public static final int MAX_HISTORY_PAGE = 500;

    private final GroupStore store;
    private final GroupSettings settings;
    private final GroupListener listener;

    public ImGroups(GroupStore store, GroupSettings settings, GroupListener listener) {
        this.store = store;
        this.settings = settings;
        this.listener = listener;
    }

    /** Creates a group whose first member is {@code owner}; refused when the id is taken or the owner is in too many. */
    public GroupInfo create(String groupId, String owner) {
        GroupInfo created = store.create(groupId, owner, settings.getMaxGroupsPerUser());
        listener.onChange(new GroupChange(GroupChange.Kind.CREATED, groupId, owner, 0));
        return created;
    }

    /** Deletes a group with its members and messages; false when there is no such group. */
    public boolean delete(String groupId) {
        Optional<GroupInfo> group = store.group(groupId);
        boolean deleted = store.delete(groupId);
        if (deleted) {
            listener.onChange(new GroupChange(GroupChange.Kind.DELETED, groupId, null,
                    group.map(GroupInfo::lastSeq).orElse(0L)));
        }
        return deleted;
    }

    public Optional<GroupInfo> group(String groupId) {
        return store.group(groupId);
    }

    /**
     * Adds a member, who receives the messages after the group's current last one; adding a member again changes
     * nothing. Refused when the group is full ({@code im.group.max-members}) or the user is in too many groups
     * ({@code im.group.max-groups-per-user}).
     */
    public GroupMembership addMember(String groupId, String userId) {
        boolean already = isMember(groupId, userId);
        GroupMembership member = store.addMember(groupId, userId, settings.getMaxMembers(),
                settings.getMaxGroupsPerUser());
        if (!already) {
            listener.onChange(new GroupChange(GroupChange.Kind.JOINED, groupId, userId, member.joinedSeq()));
        }
        return member;
    }

    /** Removes a member, who receives nothing sent after this returns; false when it was not a member. */
    public boolean removeMember(String groupId, String userId) {
        OptionalLong removedAt = store.removeMember(groupId, userId);
        removedAt.ifPresent(seq -> listener.onChange(new GroupChange(GroupChange.Kind.LEFT, groupId, userId, seq)));
        return removedAt.isPresent();
    }

    public boolean isMember(String groupId, String userId) {
        return store.groupsOf(userId).stream().anyMatch(m -> m.groupId().equals(groupId));
    }

    /** The user's groups with its pointers, in group id order. */
    public List<GroupMembership> groupsOf(String userId) {
        return store.groupsOf(userId);
    }

    /** The group's members, in user id order; refused when there is no such group. */
    public List<GroupMembership> members(String groupId) {
        if (store.group(groupId).isEmpty()) {
            throw new GroupRefusedException(Reason.NO_SUCH_GROUP, "There is no group " + groupId);
        }
        return store.members(groupId);
    }

    /**
     * A page of the group's messages after {@code afterSeq}, in sequence order, as every member sees them.
     *
     * @param limit 1 to {@value #MAX_HISTORY_PAGE}
     */
    public List<StoredGroupMessage> history(String groupId, long afterSeq, int limit) {
        return store.messagesAfter(groupId, afterSeq, requirePage(limit));
    }

    /**
     * As {@link #history} for one member: only what it may read, nothing from before it joined and nothing once it
     * has left.
     */
    public List<StoredGroupMessage> memberHistory(String groupId, String userId, long afterSeq, int limit) {
        return store.memberMessagesAfter(groupId, userId, afterSeq, requirePage(limit));
    }

    /** The wire address members send the group's messages to. */
    public String address(String groupId) {
        return settings.address(groupId);
    }

    public GroupSettings settings() {
        return settings;
    }

    private static int requirePage(int limit) {
        if (limit < 1 || limit > MAX_HISTORY_PAGE) {
            throw new IllegalArgumentException("The history page limit must be 1 to " + MAX_HISTORY_PAGE + ", was "
                    + limit);
        }
        return limit;
    }
}
