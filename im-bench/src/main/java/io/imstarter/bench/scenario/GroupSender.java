package io.imstarter.bench.scenario;

import io.imstarter.bench.client.ErrorCodes;
import io.imstarter.bench.client.LeanConnection;
import io.imstarter.bench.client.PacketListener;
import io.imstarter.bench.client.WireTemplates;
import io.imstarter.bench.metrics.Latency;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;

/**
 * The group's one sender, as a stock client within its limits: QoS messages {@code 0 .. messages-1} (content
 * {@code k}, fingerprint {@code <sender>-<k>}) offered at a steady rate, at most {@code window} without an ACK, a
 * message refused with 305 sent again first, one without an ACK for 3 s sent again with the same fingerprint. Each
 * ACK is checked against the table the moment it arrives, on this connection's own event loop, before anything else
 * happens there: a message the server ACKed before its row was committed would not be found. State is touched on
 * that event loop only; counts are read from any thread.
 */
final class GroupSender implements PacketListener {

    private static final long TICK_MILLIS = 10;
    /** A stock client's first re-send of an un-ACKed message. */
    private static final long RESEND_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final String userId;
    private final String groupAddress;
    private final int messages;
    private final double perSecond;
    private final int window;
    private final AtomicLongArray sentAt;
    private final Latency ackLatency;
    private final Predicate<String> committed;
    private final BitSet acked = new BitSet();
    private final Deque<Integer> refused = new ArrayDeque<>();
    /** Sent and not ACKed: each message's last send time, oldest first. */
    private final Map<Integer, Long> unacked = new LinkedHashMap<>();
    private volatile int offered;
    private volatile int taken;
    private volatile int ackedCount;
    private volatile int resends;
    private volatile int refusals;
    private volatile int duplicateAcks;
    private volatile int acksBeforeCommit;
    private volatile int errors;
    private volatile long lastAckNanos;
    private ScheduledFuture<?> pacing;

    /** @param committed whether the row of a fingerprint is in the table */
    GroupSender(String userId, String groupAddress, int messages, double perSecond, int window,
            AtomicLongArray sentAt, Latency ackLatency, Predicate<String> committed) {
        this.userId = userId;
        this.groupAddress = groupAddress;
        this.messages = messages;
        this.perSecond = perSecond;
        this.window = window;
        this.sentAt = sentAt;
        this.ackLatency = ackLatency;
        this.committed = committed;
    }

    String userId() {
        return userId;
    }

    /**
     * Starts on the connection's event loop: the rate offers messages as time passes, and what has been offered
     * goes out as the window allows, refused ones first.
     */
    void start(LeanConnection connection) {
        long startNanos = System.nanoTime();
        pacing = connection.eventLoop().scheduleAtFixedRate(() -> {
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            offered = (int) Math.min(messages, (long) Math.ceil(elapsed * perSecond));
            resendOverdue(connection);
            while (unacked.size() < window && (!refused.isEmpty() || taken < offered)) {
                send(connection, refused.isEmpty() ? taken++ : refused.poll());
            }
            connection.flush();
            if (ackedCount == messages) {
                pacing.cancel(false);
            }
        }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void resendOverdue(LeanConnection connection) {
        long overdue = System.nanoTime() - RESEND_NANOS;
        List<Integer> due = new ArrayList<>();
        for (Map.Entry<Integer, Long> sent : unacked.entrySet()) {
            if (sent.getValue() > overdue) {
                break;
            }
            due.add(sent.getKey());
        }
        for (int k : due) {
            unacked.remove(k);
            resends++;
            send(connection, k);
        }
    }

    private void send(LeanConnection connection, int k) {
        long now = System.nanoTime();
        unacked.put(k, now);
        sentAt.set(k, now);
        connection.writeInReply(WireTemplates.qosData(userId, groupAddress, fingerprint(k), Integer.toString(k)));
    }

    private String fingerprint(int k) {
        return userId + "-" + k;
    }

    @Override
    public void onPacket(LeanConnection connection, Packet packet) {
        if (packet.type() == PacketType.ERROR) {
            int k = messageNumber(ErrorCodes.rateLimitedFingerprint(packet));
            if (k < 0) {
                errors++;
                return;
            }
            if (unacked.remove(k) != null) {
                refusals++;
                refused.add(k);
            }
            return;
        }
        if (packet.type() != PacketType.ACK) {
            return;
        }
        String fp = packet.dataContent();
        int k = messageNumber(fp);
        if (k < 0 || !groupAddress.equals(packet.from())) {
            errors++;
            return;
        }
        if (acked.get(k)) {
            duplicateAcks++;
            return;
        }
        if (!committed.test(fp)) {
            acksBeforeCommit++;
        }
        ackLatency.recordSince(sentAt.get(k));
        acked.set(k);
        unacked.remove(k);
        ackedCount++;
        lastAckNanos = System.nanoTime();
    }

    private int messageNumber(String fp) {
        if (fp == null || !fp.startsWith(userId + "-")) {
            return -1;
        }
        try {
            int k = Integer.parseInt(fp.substring(userId.length() + 1));
            return k >= 0 && k < taken ? k : -1;
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** Messages the rate has offered so far. */
    int offered() {
        return offered;
    }

    /** Messages sent at least once. */
    int sent() {
        return taken;
    }

    int acked() {
        return ackedCount;
    }

    long lastAckNanos() {
        return lastAckNanos;
    }

    /** 305s that refused one of the messages, each sent again. */
    int refusals() {
        return refusals;
    }

    /** Messages sent again after 3 s without their ACK. */
    int resends() {
        return resends;
    }

    int duplicateAcks() {
        return duplicateAcks;
    }

    /** ACKs whose message had no row in the table when the ACK arrived. */
    int acksBeforeCommit() {
        return acksBeforeCommit;
    }

    /** Type 52 answers other than a 305 naming a message, and ACKs of nothing this sender sent. */
    int errors() {
        return errors;
    }
}
