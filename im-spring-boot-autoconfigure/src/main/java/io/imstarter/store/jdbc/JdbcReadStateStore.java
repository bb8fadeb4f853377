package io.imstarter.store.jdbc;

import io.imstarter.store.Conversation;
import io.imstarter.store.GroupRead;
import io.imstarter.store.GroupReader;
import io.imstarter.store.ReadPointer;
import io.imstarter.store.ReadStateStore;
import io.imstarter.store.ReadTarget;
import io.imstarter.store.UnreadConversation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link ReadStateStore} in the application's own database, beside the message and group stores whose tables it
 * reads ({@code im_message}, {@code im_group}, {@code im_group_member}, {@code im_group_message}). C2C pointers live
 * in {@code im_read_marker}, group pointers in {@code im_group_member.read_seq}; the tables come from the same
 * scripts ({@code schema-<platform>.sql}) and the queries are standard SQL that runs on H2, PostgreSQL and MySQL.
 *
 * <p>Writes only move pointers forward ({@code WHERE read_seq < :seq}), so a late or repeated write never moves one
 * back, whichever node or thread writes it.
 */
public class JdbcReadStateStore implements ReadStateStore {

    private static final String C2C_TARGET = "SELECT seq, fp, sender FROM im_message"
            + " WHERE receiver = :reader AND sender = :peer";

    private static final String GROUP_TARGET = "SELECT seq, fp, sender FROM im_group_message WHERE group_id = :group";

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final Clock clock;

    private final LongAdder pointerWrites = new LongAdder();

    public JdbcReadStateStore(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    @Override
    public Optional<ReadTarget> c2cMessage(String reader, String peer, String fp) {
        return jdbc.sql(C2C_TARGET + " AND fp = :fp")
                .param("reader", reader)
                .param("peer", peer)
                .param("fp", fp)
                .query(JdbcReadStateStore::toTarget)
                .optional();
    }

    @Override
    public Optional<ReadTarget> c2cMessageAtOrBefore(String reader, String peer, long seq) {
        return jdbc.sql(C2C_TARGET + " AND seq <= :seq ORDER BY seq DESC LIMIT 1")
                .param("reader", reader)
                .param("peer", peer)
                .param("seq", seq)
                .query(JdbcReadStateStore::toTarget)
                .optional();
    }

    @Override
    public long c2cReadSeq(String reader, String peer) {
        return jdbc.sql("SELECT read_seq FROM im_read_marker WHERE user_id = :reader AND peer = :peer")
                .param("reader", reader)
                .param("peer", peer)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    @Override
    public Optional<GroupReader> groupReader(String groupId, String userId) {
        return jdbc.sql("SELECT gm.joined_seq, gm.read_seq, g.last_seq, g.member_count FROM im_group_member gm"
                + " JOIN im_group g ON g.group_id = gm.group_id WHERE gm.group_id = :group AND gm.user_id = :user")
                .param("group", groupId)
                .param("user", userId)
                .query((rs, row) -> toReader(rs))
                .optional();
    }

    @Override
    public Optional<GroupRead> groupMessageForMember(String groupId, String userId, String fp) {
        return jdbc.sql("SELECT m.seq, m.fp, m.sender, gm.joined_seq, gm.read_seq, g.last_seq, g.member_count"
                + " FROM im_group_message m JOIN im_group_member gm ON gm.group_id = m.group_id AND gm.user_id = :user"
                + " JOIN im_group g ON g.group_id = m.group_id WHERE m.group_id = :group AND m.fp = :fp"
                + " ORDER BY m.seq LIMIT 1")
                .param("group", groupId)
                .param("user", userId)
                .param("fp", fp)
                .query((rs, row) -> new GroupRead(toTarget(rs, row), toReader(rs)))
                .optional();
    }

    @Override
    public Optional<ReadTarget> groupMessageAtOrBefore(String groupId, long seq) {
        return jdbc.sql(GROUP_TARGET + " AND seq <= :seq ORDER BY seq DESC LIMIT 1")
                .param("group", groupId)
                .param("seq", seq)
                .query(JdbcReadStateStore::toTarget)
                .optional();
    }

    /**
     * Updates every pointer in one transaction; a C2C pointer without a row yet gets it afterwards, each insert in a
     * transaction of its own (a duplicate key, another node inserting first, must not abort the others).
     */
    @Override
    public void write(Collection<ReadPointer> pointers) {
        long now = clock.millis();
        List<ReadPointer> withoutRow = transactions.execute(status -> {
            List<ReadPointer> missing = new ArrayList<>();
            for (ReadPointer pointer : pointers) {
                pointerWrites.increment();
                if (!advance(pointer, now) && !pointer.conversation().group() && !markerExists(pointer)) {
                    missing.add(pointer);
                }
            }
            return missing;
        });
        for (ReadPointer pointer : withoutRow) {
            try {
                transactions.executeWithoutResult(status -> jdbc.sql("INSERT INTO im_read_marker"
                        + " (user_id, peer, read_seq, updated_at) VALUES (:user, :peer, :seq, :now)")
                        .param("user", pointer.userId())
                        .param("peer", pointer.conversation().id())
                        .param("seq", pointer.seq())
                        .param("now", now)
                        .update());
            }
            catch (DuplicateKeyException insertedMeanwhile) {
                transactions.executeWithoutResult(status -> advance(pointer, now));
            }
        }
    }

    /** Moves the pointer forward; false when it has no row or is already there. */
    private boolean advance(ReadPointer pointer, long now) {
        if (pointer.conversation().group()) {
            return jdbc.sql("UPDATE im_group_member SET read_seq = :seq"
                    + " WHERE group_id = :group AND user_id = :user AND read_seq < :seq")
                    .param("seq", pointer.seq())
                    .param("group", pointer.conversation().id())
                    .param("user", pointer.userId())
                    .update() == 1;
        }
        return jdbc.sql("UPDATE im_read_marker SET read_seq = :seq, updated_at = :now"
                + " WHERE user_id = :user AND peer = :peer AND read_seq < :seq")
                .param("seq", pointer.seq())
                .param("now", now)
                .param("user", pointer.userId())
                .param("peer", pointer.conversation().id())
                .update() == 1;
    }

    private boolean markerExists(ReadPointer pointer) {
        return jdbc.sql("SELECT COUNT(*) FROM im_read_marker WHERE user_id = :user AND peer = :peer")
                .param("user", pointer.userId())
                .param("peer", pointer.conversation().id())
                .query(Long.class)
                .single() > 0;
    }

    @Override
    public List<UnreadConversation> unread(String userId) {
        List<UnreadConversation> unread = new ArrayList<>(jdbc.sql("SELECT m.sender, COUNT(*) AS unread,"
                + " MAX(m.seq) AS last_seq, COALESCE(MAX(r.read_seq), 0) AS read_seq FROM im_message m"
                + " LEFT JOIN im_read_marker r ON r.user_id = m.receiver AND r.peer = m.sender"
                + " WHERE m.receiver = :user AND m.seq > COALESCE(r.read_seq, 0) GROUP BY m.sender ORDER BY m.sender")
                .param("user", userId)
                .query((rs, row) -> new UnreadConversation(Conversation.withPeer(rs.getString("sender")),
                        rs.getLong("unread"), rs.getLong("read_seq"), rs.getLong("last_seq")))
                .list());
        jdbc.sql("SELECT gm.group_id, gm.joined_seq, gm.read_seq, g.last_seq FROM im_group_member gm"
                + " JOIN im_group g ON g.group_id = gm.group_id WHERE gm.user_id = :user ORDER BY gm.group_id")
                .param("user", userId)
                .query((rs, row) -> {
                    long read = Math.max(rs.getLong("joined_seq"), rs.getLong("read_seq"));
                    long last = rs.getLong("last_seq");
                    return new UnreadConversation(Conversation.ofGroup(rs.getString("group_id")),
                            Math.max(0, last - read), read, last);
                })
                .list()
                .stream()
                .filter(group -> group.unread() > 0)
                .forEach(unread::add);
        return unread;
    }

    @Override
    public long c2cUnreadAfter(String reader, String peer, long afterSeq, int cap) {
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT seq FROM im_message"
                + " WHERE receiver = :reader AND sender = :peer AND seq > :after LIMIT :cap) above")
                .param("reader", reader)
                .param("peer", peer)
                .param("after", afterSeq)
                .param("cap", JdbcMessageStore.requirePositive(cap))
                .query(Long.class)
                .single();
    }

    @Override
    public long groupReaders(String groupId, long seq, String sender) {
        return jdbc.sql("SELECT COUNT(*) FROM im_group_member WHERE group_id = :group AND user_id <> :sender"
                + " AND joined_seq < :seq AND read_seq >= :seq")
                .param("group", groupId)
                .param("sender", sender)
                .param("seq", seq)
                .query(Long.class)
                .single();
    }

    /** Pointers handed to {@link #write} so far, each counted once per write: what coalescing keeps low. */
    public long pointerWriteCount() {
        return pointerWrites.sum();
    }

    private static GroupReader toReader(ResultSet rs) throws SQLException {
        return new GroupReader(rs.getLong("joined_seq"), rs.getLong("read_seq"), rs.getLong("last_seq"),
                rs.getInt("member_count"));
    }

    private static ReadTarget toTarget(ResultSet rs, int row) throws SQLException {
        return new ReadTarget(rs.getLong("seq"), rs.getString("fp"), rs.getString("sender"));
    }
}
