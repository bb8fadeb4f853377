package io.imstarter.server;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.GroupEnvelope;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.qos.QosSettings;
import io.imstarter.store.GroupAppend;
import io.imstarter.store.GroupMembership;
import io.imstarter.store.GroupRefusedException;
import io.imstarter.store.GroupStore;
import io.imstarter.store.StoredGroupMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group conversations on this node: a member's type 2 to a group address is stored once and ACKed after the commit;
 * a {@link GroupFeed} per group fans committed messages out to the members online here, each through its own
 * {@link MemberCursor} (per-member QoS and order); a login catches up every group the member missed messages of;
 * members' ACKs end here. Store calls run on the group pool, never on an event loop.
 */
final class GroupRouter {

    private static final Logger log = LoggerFactory.getLogger(GroupRouter.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final GroupSettings settings;
    private final GroupStore store;
    private final GroupInterceptor interceptor;
    private final SessionRegistry registry;
    private final ErrorReplies errors;
    private final Notifier notifier;
    private final ImServerStats stats;
    private final QosSettings qos;
    private final ClusterRouting cluster;
    private final Executor pool;
    private final Map<String, GroupFeed> feeds = new ConcurrentHashMap<>();
    private final Map<String, MemberGroups> members = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService timer;
    private volatile ScheduledFuture<?> checks;

    GroupRouter(GroupSettings settings, GroupStore store, GroupInterceptor interceptor, SessionRegistry registry,
            ErrorReplies errors, Notifier notifier, ImServerStats stats, QosSettings qos, ClusterRouting cluster,
            Executor pool) {
        this.settings = settings;
        this.store = store;
        this.interceptor = interceptor;
        this.registry = registry;
        this.errors = errors;
        this.notifier = notifier;
        this.stats = stats;
        this.qos = qos;
        this.cluster = cluster;
        this.pool = pool;
    }

    void start(ScheduledExecutorService scheduler) {
        this.timer = scheduler;
        long every = qos.getCheckInterval().toMillis();
        checks = scheduler.scheduleWithFixedDelay(this::checkSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops the checks and writes every member's delivered pointer before the store pool goes. */
    void stop() {
        if (checks != null) {
            checks.cancel(false);
        }
        members.values().forEach(MemberGroups::end);
        members.values().forEach(MemberGroups::flush);
        members.clear();
    }

    boolean isGroupAddress(String to) {
        return settings.isGroupAddress(to);
    }

    /**
     * A logged-in member's type 2 to a group address, its {@code from} checked; on the dispatch pool. Completes when
     * the message is stored or refused, and the sender's connection waits for that before its next packet, so one
     * sender's messages take sequence numbers in the order it sent them.
     */
    CompletableFuture<Void> receive(Connection sender, Packet message) {
        stats.recordReceived(MessageKind.C2C);
        String groupId = settings.groupId(message.to());
        String refusal = refusal(groupId, message, sender.session());
        if (refusal != null) {
            errors.send(sender, ErrorCode.REFUSED, refusal, message.fp());
            return DONE;
        }
        String fp = message.fp() == null || message.fp().isEmpty() ? Packet.newFingerprint() : message.fp();
        try {
            return CompletableFuture.runAsync(() -> append(sender, groupId, message, fp), pool);
        }
        catch (RejectedExecutionException full) {
            errors.send(sender, ErrorCode.RATE_LIMITED, "Too many group messages are waiting to be stored; retry"
                    + " later", message.fp());
            return DONE;
        }
    }

    private String refusal(String groupId, Packet message, SessionInfo sender) {
        try {
            return interceptor.refusal(groupId, message, sender);
        }
        catch (RuntimeException ex) {
            log.error("IM group interceptor failed; refusing fp={}", message.fp(), ex);
            return "The application could not check this group message";
        }
    }

    private void append(Connection sender, String groupId, Packet message, String fp) {
        GroupAppend appended;
        try {
            appended = store.append(groupId, message.from(), fp, message.dataContent(), message.typeu());
        }
        catch (GroupRefusedException ex) {
            errors.send(sender, ErrorCode.REFUSED, ex.getMessage(), message.fp());
            return;
        }
        catch (RuntimeException ex) {
            log.warn("IM could not store a message to group {} fp={}", groupId, fp, ex);
            errors.send(sender, ErrorCode.RATE_LIMITED, "The group store failed; retry later", message.fp());
            return;
        }
        if (message.requiresAck()) {
            Packet ack = new Packet(message.bridge(), PacketType.ACK, fp, settings.address(groupId), message.from(),
                    null, false, Packet.UNSET, Packet.UNSET);
            write(message.from(), ack);
        }
        if (appended.duplicate()) {
            return;
        }
        StoredGroupMessage stored = appended.message();
        notifier.notify("group message", listener -> listener.onGroupMessage(stored));
        advanced(groupId, stored.seq());
        cluster.groupAdvanced(groupId, stored.seq());
    }

    /** The group reached {@code seq} (committed here or on another node): fan out what this node has not. */
    void advanced(String groupId, long seq) {
        while (!feeds.computeIfAbsent(groupId, id -> new GroupFeed(this, id, seq - 1)).advanced(seq)) {
            Thread.onSpinWait(); // the feed just retired; the next loop takes a new one
        }
    }

    void retire(String groupId, GroupFeed feed) {
        feeds.remove(groupId, feed);
    }

    /** Offers a fanned-out message to every member online here that joined before it. */
    void offer(StoredGroupMessage message, List<GroupMembership> memberships) {
        for (GroupMembership membership : memberships) {
            MemberGroups online = members.get(membership.userId());
            if (online != null && message.seq() > membership.joinedSeq()) {
                online.offer(membership, message);
            }
        }
    }

    /**
     * A member logged in here (after its C2C replay started): its groups' streams start again from the store's
     * pointers, written first for the session it replaces, and every group it missed messages of is caught up.
     */
    void loggedIn(Connection connection) {
        String userId = connection.session().userId();
        MemberGroups fresh = new MemberGroups(this, userId);
        MemberGroups replaced = members.put(userId, fresh);
        if (replaced != null) {
            replaced.end();
        }
        boolean queued = runOnPool(() -> {
            if (replaced != null) {
                replaced.flush();
            }
            try {
                store.groupsOf(userId).forEach(fresh::catchUp);
            }
            catch (RuntimeException ex) {
                log.warn("IM could not read {}'s groups to catch up; its next login tries again", userId, ex);
            }
        });
        if (!queued) {
            log.warn("IM group pool full: {}'s groups are caught up at its next login", userId);
        }
    }

    /**
     * A type 4 from a logged-in member: claimed when it acknowledges a group copy, or when it is addressed to a
     * group at all (a member's ACK never goes further).
     */
    boolean acknowledge(Packet ack) {
        MemberGroups member = members.get(ack.from());
        boolean claimed = member != null && member.acknowledge(ack.dataContent());
        return claimed || settings.isGroupAddress(ack.to());
    }

    /**
     * Whether a copy with this fingerprint waits for the member's ACK: the server's own traffic coming back, which
     * the packet limit lets through (a member catching up ACKs thousands a second, as stock clients do).
     */
    boolean awaitsAck(String memberId, String fp) {
        MemberGroups member = members.get(memberId);
        return member != null && member.awaitsAck(fp);
    }

    /** A member's copy: an ordinary QoS type 2 with the sender's fingerprint, plus the sender and the sequence. */
    Packet copyFor(StoredGroupMessage message, String memberId) {
        String from = settings.getCopyFrom() == GroupCopyFrom.SENDER ? message.sender()
                : settings.address(message.groupId());
        Packet envelope = new Packet(false, PacketType.DATA, message.content(), from, memberId, message.fp(), true,
                message.typeu(), message.acceptedAt());
        return GroupEnvelope.copy(envelope, message.sender(), message.seq());
    }

    /** Writes to every session of the user here. */
    void write(String userId, Packet packet) {
        for (Connection connection : registry.connections(userId)) {
            connection.writeAndForget(packet);
        }
    }

    boolean runOnPool(Runnable task) {
        try {
            pool.execute(task);
            return true;
        }
        catch (RejectedExecutionException full) {
            return false;
        }
    }

    void schedule(Runnable task, long delayMillis) {
        try {
            timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException stopping) {
            log.debug("IM group retry dropped: the server is stopping");
        }
    }

    GroupStore store() {
        return store;
    }

    GroupSettings settings() {
        return settings;
    }

    QosSettings qos() {
        return qos;
    }

    ImServerStats stats() {
        return stats;
    }

    Logger log() {
        return log;
    }

    /** Re-sends and gives up copies, writes moved pointers, and forgets members whose session ended. */
    private void checkSafely() {
        try {
            long now = System.currentTimeMillis();
            for (MemberGroups member : members.values()) {
                if (!registry.isOnline(member.userId())) {
                    members.remove(member.userId(), member);
                    member.end();
                }
                else {
                    member.check(now);
                }
                if (member.needsFlush()) {
                    runOnPool(member::flush);
                }
            }
        }
        catch (RuntimeException ex) {
            log.error("IM group check failed", ex);
        }
    }
}
