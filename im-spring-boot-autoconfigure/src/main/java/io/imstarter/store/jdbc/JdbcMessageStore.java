package io.imstarter.store.jdbc;

import io.imstarter.store.MessageStore;
import io.imstarter.store.StoreFullException;
import io.imstarter.store.StoredMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link MessageStore} in the application's own database, on Spring's {@link JdbcClient} and the pooled
 * {@link DataSource} the application already has. The tables come from the scripts next to this class
 * ({@code schema-h2.sql}, {@code schema-postgresql.sql}, {@code schema-mysql.sql}); the queries are standard SQL that
 * runs unchanged on all three.
 *
 * <p>Sequence numbers come from one counter row per receiver ({@code im_receiver_seq}), incremented in the append's
 * transaction. The row lock this takes serialises the appends of one receiver, so sequence numbers become visible
 * in the order they grow (a global identity column could commit 6 before 5, and a replay reading "after 5" would
 * skip 5), and the duplicate and cap checks that follow cannot race. Appends for different receivers do not wait for
 * each other.
 *
 * <p>The store runs its own transactions on a {@link DataSourceTransactionManager}: a method returns after its own
 * commit, never inside a caller's transaction that could still roll back.
 *
 * <p>{@link #appendAsync} shares commits: appends that arrive while one commits wait (at most
 * {@value #MAX_WAITING_APPENDS}) and are written together, up to {@value #MAX_BATCH} in one transaction, each
 * receiver's counter row locked once per batch, in receiver order. {@link #close()} writes what waits and stops.
 */
public class JdbcMessageStore implements MessageStore, AutoCloseable {

    /** The longest user id or fingerprint the schema holds. */
    public static final int MAX_ID_LENGTH = 128;

    /** Rows deleted per statement when expiring, to keep each delete's transaction small. */
    private static final int EXPIRY_BATCH = 500;

    /** Appends that may wait for a shared commit; more are refused, and the server answers their senders 305. */
    static final int MAX_WAITING_APPENDS = 20_000;

    /** The most appends written in one transaction. */
    static final int MAX_BATCH = 500;

    private static final String COLUMNS = "id, seq, receiver, sender, fp, content, typeu, accepted_at, delivered";

    private static final String INSERT = """
            INSERT INTO im_message (receiver, seq, sender, fp, content, typeu, accepted_at, delivered,
                party_low, party_high)
            VALUES (:receiver, :seq, :sender, :fp, :content, :typeu, :acceptedAt, :delivered, :low, :high)""";

    private final JdbcClient jdbc;

    private final NamedParameterJdbcTemplate batchJdbc;

    private final GroupCommit groupCommit = new GroupCommit(MAX_WAITING_APPENDS, MAX_BATCH, this::writeBatch);

    private final TransactionTemplate transactions;

    private final int maxPerReceiver;

    private final Clock clock;

    private final LongAdder stored = new LongAdder();

    private final LongAdder delivered = new LongAdder();

    private final LongAdder expired = new LongAdder();

    private final LongAdder batchCommits = new LongAdder();

    /**
     * @param maxPerReceiver the most undelivered messages one receiver may have; appends beyond are refused
     * @param clock the source of the accept time ({@code sm})
     */
    public JdbcMessageStore(DataSource dataSource, int maxPerReceiver, Clock clock) {
        if (maxPerReceiver < 1) {
            throw new IllegalArgumentException("maxPerReceiver must be at least 1, was " + maxPerReceiver);
        }
        this.jdbc = JdbcClient.create(dataSource);
        this.batchJdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.maxPerReceiver = maxPerReceiver;
        this.clock = clock;
    }

    @Override
    public StoredMessage append(String receiver, String sender, String fp, String content, int typeu) {
        return write(receiver, sender, fp, content, typeu, false);
    }

    /** Completes once the message's shared commit is done, on the store's writer thread; see the class comment. */
    @Override
    public CompletableFuture<StoredMessage> appendAsync(String receiver, String sender, String fp, String content,
            int typeu, Executor executor) {
        return groupCommit.submit(receiver, sender, fp, content, typeu);
    }

    /** True: the shared commits take appends first come, first written. */
    @Override
    public boolean appendsInSubmissionOrder() {
        return true;
    }

    @Override
    public StoredMessage recordDelivered(String receiver, String sender, String fp, String content, int typeu) {
        return write(receiver, sender, fp, content, typeu, true);
    }

    /** Appends, or with {@code alreadyDelivered} records a delivered message (or marks its copy), in one commit. */
    private StoredMessage write(String receiver, String sender, String fp, String content, int typeu,
            boolean alreadyDelivered) {
        requireId("receiver", receiver);
        requireId("sender", sender);
        requireId("fp", fp);
        while (true) {
            try {
                Optional<StoredMessage> written = transactions.execute(status -> {
                    if (!lockCounter(receiver)) {
                        return Optional.<StoredMessage>empty();
                    }
                    Optional<StoredMessage> existing = find(receiver, sender, fp);
                    if (existing.isPresent()) {
                        if (alreadyDelivered && !existing.get().delivered()) {
                            markDeliveredLocked(receiver, sender, fp);
                            return find(receiver, sender, fp);
                        }
                        status.setRollbackOnly(); // a duplicate: give the sequence number back
                        return existing;
                    }
                    return Optional.of(insertLocked(receiver, sender, fp, content, typeu, alreadyDelivered));
                });
                if (written.isPresent()) {
                    return written.get();
                }
                createCounter(receiver);
            }
            catch (DuplicateKeyException raced) {
                // Only another writer outside this store's locking can get here; its copy is the one to keep.
                return find(receiver, sender, fp).orElseThrow(() -> raced);
            }
        }
    }

    private boolean lockCounter(String receiver) {
        return jdbc.sql("UPDATE im_receiver_seq SET last_seq = last_seq + 1 WHERE receiver = :receiver")
                .param("receiver", receiver)
                .update() == 1;
    }

    /** Runs while this transaction holds the receiver's counter row, so no other append of the receiver races. */
    private StoredMessage insertLocked(String receiver, String sender, String fp, String content, int typeu,
            boolean alreadyDelivered) {
        if (!alreadyDelivered && countUndelivered(receiver) >= maxPerReceiver) {
            throw new StoreFullException(receiver, maxPerReceiver);
        }
        long seq = jdbc.sql("SELECT last_seq FROM im_receiver_seq WHERE receiver = :receiver")
                .param("receiver", receiver)
                .query(Long.class)
                .single();
        long acceptedAt = clock.millis();
        boolean senderFirst = sender.compareTo(receiver) <= 0;
        jdbc.sql(INSERT)
                .param("receiver", receiver)
                .param("seq", seq)
                .param("sender", sender)
                .param("fp", fp)
                .param("content", content)
                .param("typeu", typeu)
                .param("acceptedAt", acceptedAt)
                .param("delivered", alreadyDelivered)
                .param("low", senderFirst ? sender : receiver)
                .param("high", senderFirst ? receiver : sender)
                .update();
        if (!alreadyDelivered) {
            stored.increment();
        }
        return find(receiver, sender, fp).orElseThrow();
    }

    /**
     * Writes a batch of appends in one transaction and completes each one's future after the commit. A receiver
     * without a counter row gets it in a transaction of its own, and its appends go into a second transaction.
     */
    private Void writeBatch(List<GroupCommit.Pending> batch) {
        Map<String, List<GroupCommit.Pending>> byReceiver = new TreeMap<>();
        for (GroupCommit.Pending pending : batch) {
            try {
                requireId("receiver", pending.receiver());
                requireId("sender", pending.sender());
                requireId("fp", pending.fp());
                byReceiver.computeIfAbsent(pending.receiver(), receiver -> new ArrayList<>()).add(pending);
            }
            catch (IllegalArgumentException ex) {
                pending.done().completeExceptionally(ex);
            }
        }
        while (!byReceiver.isEmpty()) {
            Map<GroupCommit.Pending, Object> outcomes = new IdentityHashMap<>();
            Map<String, List<GroupCommit.Pending>> toWrite = byReceiver;
            batchCommits.increment();
            List<String> withoutCounter = transactions.execute(status -> {
                List<String> missing = new ArrayList<>();
                toWrite.forEach((receiver, appends) -> {
                    if (!appendAllLocked(receiver, appends, outcomes)) {
                        missing.add(receiver);
                    }
                });
                return missing;
            });
            outcomes.forEach((pending, outcome) -> {
                if (outcome instanceof RuntimeException refused) {
                    pending.done().completeExceptionally(refused);
                }
                else {
                    pending.done().complete((StoredMessage) outcome);
                }
            });
            Map<String, List<GroupCommit.Pending>> retry = new TreeMap<>();
            for (String receiver : withoutCounter) {
                createCounter(receiver);
                retry.put(receiver, byReceiver.get(receiver));
            }
            byReceiver = retry;
        }
        return null;
    }

    /**
     * Appends one receiver's share of a batch under its counter row's lock; false (nothing written) when the
     * receiver has no counter row yet. Duplicates, also within the batch, resolve to the copy stored first.
     */
    private boolean appendAllLocked(String receiver, List<GroupCommit.Pending> appends,
            Map<GroupCommit.Pending, Object> outcomes) {
        Optional<Long> locked = jdbc.sql("SELECT last_seq FROM im_receiver_seq WHERE receiver = :receiver FOR UPDATE")
                .param("receiver", receiver)
                .query(Long.class)
                .optional();
        if (locked.isEmpty()) {
            return false;
        }
        long firstSeq = locked.get() + 1;
        long nextSeq = firstSeq;
        Map<String, StoredMessage> existing = new HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM im_message WHERE receiver = :receiver AND fp IN (:fps)")
                .param("receiver", receiver)
                .param("fps", appends.stream().map(GroupCommit.Pending::fp).distinct().toList())
                .query(JdbcMessageStore::toMessage)
                .list()
                .forEach(message -> existing.put(message.sender() + '\n' + message.fp(), message));
        long undelivered = countUndelivered(receiver);
        Map<String, Long> newSeqs = new HashMap<>();
        List<MapSqlParameterSource> rows = new ArrayList<>();
        long acceptedAt = clock.millis();
        for (GroupCommit.Pending append : appends) {
            String key = append.sender() + '\n' + append.fp();
            if (existing.containsKey(key) || newSeqs.containsKey(key)) {
                continue;
            }
            if (undelivered >= maxPerReceiver) {
                outcomes.put(append, new StoreFullException(receiver, maxPerReceiver));
                continue;
            }
            undelivered++;
            newSeqs.put(key, nextSeq);
            rows.add(row(append, nextSeq++, acceptedAt));
        }
        if (!rows.isEmpty()) {
            jdbc.sql("UPDATE im_receiver_seq SET last_seq = :last WHERE receiver = :receiver")
                    .param("last", nextSeq - 1)
                    .param("receiver", receiver)
                    .update();
            batchJdbc.batchUpdate(INSERT, rows.toArray(MapSqlParameterSource[]::new));
            stored.add(rows.size());
            jdbc.sql("SELECT " + COLUMNS + " FROM im_message WHERE receiver = :receiver AND seq >= :first")
                    .param("receiver", receiver)
                    .param("first", firstSeq)
                    .query(JdbcMessageStore::toMessage)
                    .list()
                    .forEach(message -> existing.put(message.sender() + '\n' + message.fp(), message));
        }
        for (GroupCommit.Pending append : appends) {
            StoredMessage written = existing.get(append.sender() + '\n' + append.fp());
            if (written != null) {
                outcomes.put(append, written);
            }
        }
        return true;
    }

    private static MapSqlParameterSource row(GroupCommit.Pending append, long seq, long acceptedAt) {
        boolean senderFirst = append.sender().compareTo(append.receiver()) <= 0;
        return new MapSqlParameterSource()
                .addValue("receiver", append.receiver())
                .addValue("seq", seq)
                .addValue("sender", append.sender())
                .addValue("fp", append.fp())
                .addValue("content", append.content())
                .addValue("typeu", append.typeu())
                .addValue("acceptedAt", acceptedAt)
                .addValue("delivered", false)
                .addValue("low", senderFirst ? append.sender() : append.receiver())
                .addValue("high", senderFirst ? append.receiver() : append.sender());
    }

    /** Creates the receiver's counter row in its own transaction: a failed insert must not abort an append's. */
    private void createCounter(String receiver) {
        try {
            transactions.executeWithoutResult(status -> jdbc
                    .sql("INSERT INTO im_receiver_seq (receiver, last_seq) VALUES (:receiver, 0)")
                    .param("receiver", receiver)
                    .update());
        }
        catch (DuplicateKeyException createdConcurrently) {
            // Another append created it first: the retry uses that row.
        }
    }

    private Optional<StoredMessage> find(String receiver, String sender, String fp) {
        return jdbc.sql("SELECT " + COLUMNS
                + " FROM im_message WHERE receiver = :receiver AND sender = :sender AND fp = :fp")
                .param("receiver", receiver)
                .param("sender", sender)
                .param("fp", fp)
                .query(JdbcMessageStore::toMessage)
                .optional();
    }

    @Override
    public List<StoredMessage> undelivered(String receiver, long afterSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM im_message"
                + " WHERE receiver = :receiver AND delivered = FALSE AND seq > :after ORDER BY seq LIMIT :limit")
                .param("receiver", receiver)
                .param("after", afterSeq)
                .param("limit", requirePositive(limit))
                .query(JdbcMessageStore::toMessage)
                .list();
    }

    @Override
    public boolean markDelivered(String receiver, String sender, String fp) {
        return transactions.execute(status -> markDeliveredLocked(receiver, sender, fp));
    }

    private boolean markDeliveredLocked(String receiver, String sender, String fp) {
        boolean marked = jdbc.sql("UPDATE im_message SET delivered = TRUE"
                + " WHERE receiver = :receiver AND sender = :sender AND fp = :fp AND delivered = FALSE")
                .param("receiver", receiver)
                .param("sender", sender)
                .param("fp", fp)
                .update() == 1;
        if (marked) {
            delivered.increment();
        }
        return marked;
    }

    @Override
    public long countUndelivered(String receiver) {
        return jdbc.sql("SELECT COUNT(*) FROM im_message WHERE receiver = :receiver AND delivered = FALSE")
                .param("receiver", receiver)
                .query(Long.class)
                .single();
    }

    @Override
    public List<StoredMessage> history(String user, String peer, long beforeId, int limit) {
        boolean userFirst = user.compareTo(peer) <= 0;
        return jdbc.sql("SELECT " + COLUMNS + " FROM im_message WHERE party_low = :low AND party_high = :high"
                + " AND id < :before ORDER BY id DESC LIMIT :limit")
                .param("low", userFirst ? user : peer)
                .param("high", userFirst ? peer : user)
                .param("before", beforeId)
                .param("limit", requirePositive(limit))
                .query(JdbcMessageStore::toMessage)
                .list();
    }

    @Override
    public long expireAcceptedBefore(Instant cutoff) {
        long total = 0;
        List<Long> batch;
        do {
            batch = jdbc.sql("SELECT id FROM im_message WHERE accepted_at < :cutoff ORDER BY id LIMIT :limit")
                    .param("cutoff", cutoff.toEpochMilli())
                    .param("limit", EXPIRY_BATCH)
                    .query(Long.class)
                    .list();
            if (!batch.isEmpty()) {
                List<Long> ids = batch;
                total += transactions.execute(status -> jdbc.sql("DELETE FROM im_message WHERE id IN (:ids)")
                        .param("ids", ids)
                        .update());
            }
        }
        while (batch.size() == EXPIRY_BATCH);
        expired.add(total);
        return total;
    }

    /** Writes the appends that wait for a shared commit, then refuses further ones. */
    @Override
    public void close() {
        groupCommit.close();
    }

    /** Messages stored by this instance (duplicates not counted). */
    public long storedCount() {
        return stored.sum();
    }

    /** Messages this instance marked delivered. */
    public long deliveredCount() {
        return delivered.sum();
    }

    /** Transactions that wrote asynchronous appends: with {@link #storedCount()}, how many shared a commit. */
    public long batchCommitCount() {
        return batchCommits.sum();
    }

    /** Messages this instance deleted by age. */
    public long expiredCount() {
        return expired.sum();
    }

    private static StoredMessage toMessage(ResultSet rs, int row) throws SQLException {
        return new StoredMessage(rs.getLong("id"), rs.getLong("seq"), rs.getString("receiver"),
                rs.getString("sender"), rs.getString("fp"), rs.getString("content"), rs.getInt("typeu"),
                rs.getLong("accepted_at"), rs.getBoolean("delivered"));
    }

    private static void requireId(String name, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("The " + name + " must have 1 to " + MAX_ID_LENGTH
                    + " characters, was " + (value == null ? "null" : value.length() + " characters"));
        }
    }

    private static int requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The page limit must be at least 1, was " + limit);
        }
        return limit;
    }
}
