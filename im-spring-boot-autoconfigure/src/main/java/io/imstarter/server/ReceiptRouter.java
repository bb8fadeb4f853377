package io.imstarter.server;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.ReadNotice;
import io.imstarter.protocol.ReadReceipt;
import io.imstarter.protocol.UserIds;
import io.imstarter.store.Conversation;
import io.imstarter.store.GroupRead;
import io.imstarter.store.GroupReader;
import io.imstarter.store.ReadPointer;
import io.imstarter.store.ReadPointerBuffer;
import io.imstarter.store.ReadStateStore;
import io.imstarter.store.ReadTarget;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read receipts (section 14): a type 2 to "0" with the receipts typeu names a conversation and the newest message
 * read; the reader's pointer moves forward to it (never back, and never past the conversation's last message), and
 * when it moved, the peer (C2C) or the message's sender (groups up to the push limit) and the reader's other
 * sessions get a one-off notice. A receipt that names nothing the reader may read is refused with 52 and changes
 * nothing. Store calls run on the receipt pool, several of one reader's receipts at once: pointers only move forward,
 * so the order they are applied in does not matter, and a reader scrolling fast does not wait for each one.
 */
final class ReceiptRouter {

    private static final Logger log = LoggerFactory.getLogger(ReceiptRouter.class);

    private final ReceiptSettings settings;
    private final GroupSettings groups;
    private final ReadStateStore store;
    private final ReadPointerBuffer pointers;
    private final LiveDeliveryRecords records;
    private final SessionRegistry registry;
    private final ClusterRouting cluster;
    private final ErrorReplies errors;
    private final Executor pool;
    private final ImServerStats stats;

    /**
     * @param groups the group addressing, or null when the server has no groups
     * @param records the live deliveries being recorded, or null without a message store
     */
    ReceiptRouter(ReceiptSettings settings, GroupSettings groups, ReadStateStore store, ReadPointerBuffer pointers,
            LiveDeliveryRecords records, SessionRegistry registry, ClusterRouting cluster, ErrorReplies errors,
            Executor pool, ImServerStats stats) {
        this.settings = settings;
        this.groups = groups;
        this.store = store;
        this.pointers = pointers;
        this.records = records;
        this.registry = registry;
        this.cluster = cluster;
        this.errors = errors;
        this.pool = pool;
        this.stats = stats;
    }

    /** Whether a type 2 whose {@code to} is "0" is a read receipt. */
    boolean isReceipt(Packet message) {
        return message.typeu() == settings.getTypeu();
    }

    /** A C2C message was delivered live: record it, so that its receiver's receipt can name it. */
    void deliveredLive(Packet message) {
        if (records != null) {
            records.record(message);
        }
    }

    /** A logged-in user's receipt, its {@code from} checked; applied or refused on the receipt pool. */
    void receive(Connection reader, Packet message) {
        stats.recordReceived(MessageKind.C2S);
        ReadReceipt receipt;
        try {
            receipt = ReadReceipt.parse(message.dataContent());
        }
        catch (MalformedPacketException ex) {
            errors.send(reader, ErrorCode.MALFORMED, ex.getMessage(), message.fp());
            return;
        }
        String userId = reader.session().userId();
        CompletableFuture<?> recorded = records == null || receipt.fp() == null || isGroup(receipt)
                ? CompletableFuture.completedFuture(null)
                : records.committed(userId, receipt.conversation(), receipt.fp());
        recorded.whenComplete((ignored, failure) -> {
            try {
                pool.execute(() -> {
                    try {
                        apply(reader, message, receipt);
                    }
                    catch (RuntimeException ex) {
                        log.warn("IM could not apply a read receipt of {} fp={}", userId, message.fp(), ex);
                        errors.send(reader, ErrorCode.RATE_LIMITED, "The read state store failed; retry later",
                                message.fp());
                    }
                });
            }
            catch (RejectedExecutionException full) {
                errors.send(reader, ErrorCode.RATE_LIMITED, "Too many read receipts are waiting; retry later",
                        message.fp());
            }
        });
    }

    private boolean isGroup(ReadReceipt receipt) {
        return groups != null && groups.isGroupAddress(receipt.conversation());
    }

    private void apply(Connection reader, Packet message, ReadReceipt receipt) {
        String userId = reader.session().userId();
        Outcome outcome = isGroup(receipt) ? applyGroup(reader, userId, receipt) : applyC2c(reader, userId, receipt);
        if (outcome.refusal() != null) {
            errors.send(reader, ErrorCode.REFUSED, "Read receipt refused: " + outcome.refusal(), message.fp());
            return;
        }
        if (message.requiresAck()) {
            reader.writeAndForget(message.ackFrom(UserIds.SERVER));
        }
    }

    private Outcome applyC2c(Connection reader, String userId, ReadReceipt receipt) {
        String peer = receipt.conversation();
        if (peer.equals(userId) || UserIds.SERVER.equals(peer) || UserIds.UNKNOWN.equals(peer)) {
            return Outcome.refused("a receipt names the peer of a conversation, not " + peer);
        }
        Optional<ReadTarget> target = receipt.fp() != null ? store.c2cMessage(userId, peer, receipt.fp())
                : store.c2cMessageAtOrBefore(userId, peer, receipt.seq());
        if (target.isEmpty()) {
            return Outcome.refused(receipt.fp() != null ? "no message fp=" + receipt.fp() + " from " + peer
                    + " to " + userId : "no message from " + peer + " to " + userId + " up to seq " + receipt.seq());
        }
        Conversation conversation = Conversation.withPeer(peer);
        long stored = pointers.known(userId, conversation).orElseGet(() -> store.c2cReadSeq(userId, peer));
        ReadTarget read = target.get();
        if (pointers.advance(new ReadPointer(userId, conversation, read.seq()), stored)) {
            if (!receipt.privately()) {
                sendToUser(peer, new ReadNotice(userId, userId, read.fp(), read.seq()));
            }
            sendToOtherSessions(reader, new ReadNotice(peer, userId, read.fp(), read.seq()));
        }
        return Outcome.APPLIED;
    }

    private Outcome applyGroup(Connection reader, String userId, ReadReceipt receipt) {
        String address = receipt.conversation();
        String groupId = groups.groupId(address);
        Optional<GroupRead> named = receipt.fp() != null
                ? store.groupMessageForMember(groupId, userId, receipt.fp())
                : store.groupReader(groupId, userId).flatMap(member -> store
                        .groupMessageAtOrBefore(groupId, receipt.seq()).map(target -> new GroupRead(target, member)));
        if (named.isEmpty()) {
            return store.groupReader(groupId, userId).isEmpty()
                    ? Outcome.refused(userId + " is not a member of group " + groupId)
                    : Outcome.refused(receipt.fp() != null ? "no message fp=" + receipt.fp() + " in group " + groupId
                            : "no message in group " + groupId + " up to seq " + receipt.seq());
        }
        GroupReader position = named.get().reader();
        Conversation conversation = Conversation.ofGroup(groupId);
        long stored = Math.max(position.joinedSeq(), pointers.known(userId, conversation).orElse(position.readSeq()));
        ReadTarget read = named.get().message();
        if (pointers.advance(new ReadPointer(userId, conversation, read.seq()), stored)) {
            ReadNotice notice = new ReadNotice(address, userId, read.fp(), read.seq());
            if (!receipt.privately() && !read.sender().equals(userId)
                    && position.memberCount() <= settings.getGroupPushMaxMembers()) {
                sendToUser(read.sender(), notice);
            }
            sendToOtherSessions(reader, notice);
        }
        return Outcome.APPLIED;
    }

    /** Writes a notice to every session of the user here, or through the cluster to its node; never stored. */
    private void sendToUser(String userId, ReadNotice notice) {
        Packet packet = noticePacket(userId, notice);
        if (registry.isOnline(userId)) {
            registry.connections(userId).forEach(connection -> connection.writeAndForget(packet));
        }
        else {
            cluster.forward(userId, packet).exceptionally(offline -> null);
        }
    }

    private void sendToOtherSessions(Connection reader, ReadNotice notice) {
        Packet packet = noticePacket(reader.session().userId(), notice);
        for (Connection connection : registry.connections(reader.session().userId())) {
            if (connection != reader) {
                connection.writeAndForget(packet);
            }
        }
    }

    private Packet noticePacket(String to, ReadNotice notice) {
        return new Packet(false, PacketType.DATA, notice.toJson(), UserIds.SERVER, to, Packet.newFingerprint(), false,
                settings.getTypeu(), System.currentTimeMillis());
    }

    /** A receipt's outcome: applied (whether or not the pointer moved), or refused with the reason. */
    private record Outcome(String refusal) {

        static final Outcome APPLIED = new Outcome(null);

        static Outcome refused(String reason) {
            return new Outcome(reason);
        }
    }
}
