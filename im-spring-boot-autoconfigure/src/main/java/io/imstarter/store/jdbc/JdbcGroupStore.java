package io.imstarter.store.jdbc;

import io.imstarter.store.GroupAppend;
import io.imstarter.store.GroupInfo;
import io.imstarter.store.GroupMembership;
import io.imstarter.store.GroupRefusedException;
import io.imstarter.store.GroupRefusedException.Reason;
import io.imstarter.store.GroupStore;
import io.imstarter.store.StoredGroupMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link GroupStore} in the application's own database, on {@link JdbcClient}; the tables come from the message
 * store's scripts ({@code schema-h2.sql}, {@code schema-postgresql.sql}, {@code schema-mysql.sql}) and the queries
 * are standard SQL that runs unchanged on all three.
 *
 * <p>Every change to a group first updates its {@code im_group} row, so the row lock serialises the group's appends
 * and membership changes: sequence numbers become visible in the order they grow (a reader of "after 5" never
 * skips a 5 that commits late), a removal and an append never interleave, and the member cap cannot race. Different
 * groups do not wait for each other.
 */
public class JdbcGroupStore implements GroupStore {

    /** The most messages one expiry transaction deletes. */
    private static final int EXPIRY_SLICE = 1000;

    private static final String MESSAGE_COLUMNS = "m.group_id, m.seq, m.sender, m.fp, m.content, m.typeu,"
            + " m.accepted_at";

    private static final String MEMBERSHIP_QUERY = "SELECT gm.group_id, gm.user_id, gm.joined_seq, gm.delivered_seq,"
            + " gm.read_seq, g.last_seq FROM im_group_member gm JOIN im_group g ON g.group_id = gm.group_id";

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final Clock clock;

    public JdbcGroupStore(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    @Override
    public GroupInfo create(String groupId, String owner, int maxGroupsPerUser) {
        JdbcMessageStore.requireId("group id", groupId);
        JdbcMessageStore.requireId("owner", owner);
        try {
            return transactions.execute(status -> {
                long now = clock.millis();
                jdbc.sql("INSERT INTO im_group (group_id, owner, last_seq, member_count, created_at)"
                        + " VALUES (:group, :owner, 0, 1, :now)")
                        .param("group", groupId)
                        .param("owner", owner)
                        .param("now", now)
                        .update();
                requireRoomForAnotherGroup(owner, maxGroupsPerUser);
                insertMember(groupId, owner, 0, now);
                return new GroupInfo(groupId, owner, 0, 1, now);
            });
        }
        catch (DuplicateKeyException exists) {
            throw new GroupRefusedException(Reason.ALREADY_EXISTS, "A group with the id " + groupId
                    + " exists already");
        }
    }

    @Override
    public boolean delete(String groupId) {
        return transactions.execute(status -> {
            if (!lockGroup(groupId)) {
                return false;
            }
            jdbc.sql("DELETE FROM im_group_message WHERE group_id = :group").param("group", groupId).update();
            jdbc.sql("DELETE FROM im_group_member WHERE group_id = :group").param("group", groupId).update();
            jdbc.sql("DELETE FROM im_group WHERE group_id = :group").param("group", groupId).update();
            return true;
        });
    }

    @Override
    public Optional<GroupInfo> group(String groupId) {
        return jdbc.sql("SELECT group_id, owner, last_seq, member_count, created_at FROM im_group"
                + " WHERE group_id = :group")
                .param("group", groupId)
                .query((rs, row) -> new GroupInfo(rs.getString("group_id"), rs.getString("owner"),
                        rs.getLong("last_seq"), rs.getInt("member_count"), rs.getLong("created_at")))
                .optional();
    }

    @Override
    public GroupMembership addMember(String groupId, String userId, int maxMembers, int maxGroupsPerUser) {
        JdbcMessageStore.requireId("user id", userId);
        return transactions.execute(status -> {
            GroupInfo group = lockedGroup(groupId);
            Optional<GroupMembership> existing = membership(groupId, userId);
            if (existing.isPresent()) {
                return existing.get();
            }
            if (group.memberCount() >= maxMembers) {
                throw new GroupRefusedException(Reason.GROUP_FULL, "Group " + groupId + " has " + group.memberCount()
                        + " members, the most allowed (" + maxMembers + ")");
            }
            requireRoomForAnotherGroup(userId, maxGroupsPerUser);
            insertMember(groupId, userId, group.lastSeq(), clock.millis());
            jdbc.sql("UPDATE im_group SET member_count = member_count + 1 WHERE group_id = :group")
                    .param("group", groupId)
                    .update();
            return membership(groupId, userId).orElseThrow();
        });
    }

    @Override
    public OptionalLong removeMember(String groupId, String userId) {
        return transactions.execute(status -> {
            GroupInfo group = lockedGroup(groupId);
            int removed = jdbc.sql("DELETE FROM im_group_member WHERE group_id = :group AND user_id = :user")
                    .param("group", groupId)
                    .param("user", userId)
                    .update();
            if (removed == 0) {
                return OptionalLong.empty();
            }
            jdbc.sql("UPDATE im_group SET member_count = member_count - 1 WHERE group_id = :group")
                    .param("group", groupId)
                    .update();
            return OptionalLong.of(group.lastSeq());
        });
    }

    @Override
    public List<GroupMembership> members(String groupId) {
        return jdbc.sql(MEMBERSHIP_QUERY + " WHERE gm.group_id = :group ORDER BY gm.user_id")
                .param("group", groupId)
                .query(JdbcGroupStore::toMembership)
                .list();
    }

    @Override
    public List<GroupMembership> groupsOf(String userId) {
        return jdbc.sql(MEMBERSHIP_QUERY + " WHERE gm.user_id = :user ORDER BY gm.group_id")
                .param("user", userId)
                .query(JdbcGroupStore::toMembership)
                .list();
    }

    @Override
    public GroupAppend append(String groupId, String sender, String fp, String content, int typeu) {
        JdbcMessageStore.requireId("sender", sender);
        JdbcMessageStore.requireId("fp", fp);
        return transactions.execute(status -> {
            if (!advanceCounter(groupId)) {
                throw noSuchGroup(groupId);
            }
            if (membership(groupId, sender).isEmpty()) {
                throw new GroupRefusedException(Reason.NOT_A_MEMBER, sender + " is not a member of group "
                        + groupId);
            }
            Optional<StoredGroupMessage> existing = find(groupId, sender, fp);
            if (existing.isPresent()) {
                status.setRollbackOnly(); // give the sequence number back
                return new GroupAppend(existing.get(), true);
            }
            long seq = jdbc.sql("SELECT last_seq FROM im_group WHERE group_id = :group")
                    .param("group", groupId)
                    .query(Long.class)
                    .single();
            StoredGroupMessage message = new StoredGroupMessage(groupId, seq, sender, fp, content, typeu,
                    clock.millis());
            jdbc.sql("INSERT INTO im_group_message (group_id, seq, sender, fp, content, typeu, accepted_at)"
                    + " VALUES (:group, :seq, :sender, :fp, :content, :typeu, :acceptedAt)")
                    .param("group", groupId)
                    .param("seq", seq)
                    .param("sender", sender)
                    .param("fp", fp)
                    .param("content", content)
                    .param("typeu", typeu)
                    .param("acceptedAt", message.acceptedAt())
                    .update();
            // A sender has read what it answers, and its own message is never unread to it.
            jdbc.sql("UPDATE im_group_member SET read_seq = :seq WHERE group_id = :group AND user_id = :sender"
                    + " AND read_seq < :seq")
                    .param("seq", seq)
                    .param("group", groupId)
                    .param("sender", sender)
                    .update();
            return new GroupAppend(message, false);
        });
    }

    @Override
    public List<StoredGroupMessage> messagesAfter(String groupId, long afterSeq, int limit) {
        return jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM im_group_message m"
                + " WHERE m.group_id = :group AND m.seq > :after ORDER BY m.seq LIMIT :limit")
                .param("group", groupId)
                .param("after", afterSeq)
                .param("limit", JdbcMessageStore.requirePositive(limit))
                .query(JdbcGroupStore::toMessage)
                .list();
    }

    @Override
    public List<StoredGroupMessage> memberMessagesAfter(String groupId, String userId, long afterSeq, int limit) {
        return jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM im_group_message m JOIN im_group_member gm"
                + " ON gm.group_id = m.group_id AND gm.user_id = :user"
                + " WHERE m.group_id = :group AND m.seq > :after AND m.seq > gm.joined_seq ORDER BY m.seq LIMIT :limit")
                .param("group", groupId)
                .param("user", userId)
                .param("after", afterSeq)
                .param("limit", JdbcMessageStore.requirePositive(limit))
                .query(JdbcGroupStore::toMessage)
                .list();
    }

    @Override
    public boolean markDelivered(String groupId, String userId, long seq) {
        return transactions.execute(status -> jdbc.sql("UPDATE im_group_member SET delivered_seq = :seq"
                + " WHERE group_id = :group AND user_id = :user AND delivered_seq < :seq")
                .param("seq", seq)
                .param("group", groupId)
                .param("user", userId)
                .update() == 1);
    }

    @Override
    public long expireAcceptedBefore(Instant cutoff) {
        List<ExpiredPrefix> prefixes = jdbc.sql("SELECT group_id, MAX(seq) AS up_to FROM im_group_message"
                + " WHERE accepted_at < :cutoff GROUP BY group_id")
                .param("cutoff", cutoff.toEpochMilli())
                .query((rs, row) -> new ExpiredPrefix(rs.getString("group_id"), rs.getLong("up_to")))
                .list();
        long total = 0;
        for (ExpiredPrefix prefix : prefixes) {
            total += expire(prefix);
        }
        return total;
    }

    /**
     * Moves the members' delivered pointers past the prefix (so no catch-up starts inside it), then deletes it a
     * slice of sequence numbers per transaction.
     */
    private long expire(ExpiredPrefix prefix) {
        transactions.executeWithoutResult(status -> jdbc.sql("UPDATE im_group_member SET delivered_seq = :upTo"
                + " WHERE group_id = :group AND delivered_seq < :upTo")
                .param("upTo", prefix.upTo())
                .param("group", prefix.groupId())
                .update());
        // 0 when another run deleted them meanwhile: sequence numbers start at 1
        long first = jdbc.sql("SELECT MIN(seq) FROM im_group_message WHERE group_id = :group")
                .param("group", prefix.groupId())
                .query((rs, row) -> rs.getLong(1))
                .single();
        long deleted = 0;
        for (long from = first == 0 ? prefix.upTo() + 1 : first; from <= prefix.upTo(); from += EXPIRY_SLICE) {
            long to = Math.min(prefix.upTo(), from + EXPIRY_SLICE - 1);
            long sliceFrom = from;
            deleted += transactions.execute(status -> jdbc.sql("DELETE FROM im_group_message"
                    + " WHERE group_id = :group AND seq BETWEEN :from AND :to")
                    .param("group", prefix.groupId())
                    .param("from", sliceFrom)
                    .param("to", to)
                    .update());
        }
        return deleted;
    }

    /** A group's messages up to {@code upTo}, the newest accepted before an expiry's cutoff. */
    private record ExpiredPrefix(String groupId, long upTo) {
    }

    /** Takes the group's row lock without changing it; false when there is no such group. */
    private boolean lockGroup(String groupId) {
        return jdbc.sql("UPDATE im_group SET last_seq = last_seq WHERE group_id = :group")
                .param("group", groupId)
                .update() == 1;
    }

    private GroupInfo lockedGroup(String groupId) {
        if (!lockGroup(groupId)) {
            throw noSuchGroup(groupId);
        }
        return group(groupId).orElseThrow();
    }

    private boolean advanceCounter(String groupId) {
        return jdbc.sql("UPDATE im_group SET last_seq = last_seq + 1 WHERE group_id = :group")
                .param("group", groupId)
                .update() == 1;
    }

    private void requireRoomForAnotherGroup(String userId, int maxGroupsPerUser) {
        long groups = jdbc.sql("SELECT COUNT(*) FROM im_group_member WHERE user_id = :user")
                .param("user", userId)
                .query(Long.class)
                .single();
        if (groups >= maxGroupsPerUser) {
            throw new GroupRefusedException(Reason.TOO_MANY_GROUPS, userId + " belongs to " + groups
                    + " groups, the most allowed (" + maxGroupsPerUser + ")");
        }
    }

    private void insertMember(String groupId, String userId, long joinedSeq, long now) {
        jdbc.sql("INSERT INTO im_group_member (group_id, user_id, joined_seq, delivered_seq, read_seq, joined_at)"
                + " VALUES (:group, :user, :seq, :seq, :seq, :now)")
                .param("group", groupId)
                .param("user", userId)
                .param("seq", joinedSeq)
                .param("now", now)
                .update();
    }

    private Optional<GroupMembership> membership(String groupId, String userId) {
        return jdbc.sql(MEMBERSHIP_QUERY + " WHERE gm.group_id = :group AND gm.user_id = :user")
                .param("group", groupId)
                .param("user", userId)
                .query(JdbcGroupStore::toMembership)
                .optional();
    }

    private Optional<StoredGroupMessage> find(String groupId, String sender, String fp) {
        return jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM im_group_message m"
                + " WHERE m.group_id = :group AND m.sender = :sender AND m.fp = :fp")
                .param("group", groupId)
                .param("sender", sender)
                .param("fp", fp)
                .query(JdbcGroupStore::toMessage)
                .optional();
    }

    private static GroupRefusedException noSuchGroup(String groupId) {
        return new GroupRefusedException(Reason.NO_SUCH_GROUP, "There is no group " + groupId);
    }

    private static GroupMembership toMembership(ResultSet rs, int row) throws SQLException {
        return new GroupMembership(rs.getString("group_id"), rs.getString("user_id"), rs.getLong("joined_seq"),
                rs.getLong("delivered_seq"), rs.getLong("read_seq"), rs.getLong("last_seq"));
    }

    private static StoredGroupMessage toMessage(ResultSet rs, int row) throws SQLException {
        return new StoredGroupMessage(rs.getString("group_id"), rs.getLong("seq"), rs.getString("sender"),
                rs.getString("fp"), rs.getString("content"), rs.getInt("typeu"), rs.getLong("accepted_at"));
    }
}
