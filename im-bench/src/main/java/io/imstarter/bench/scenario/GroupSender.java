package io.imstarter.bench.scenario;

import io.imstarter.bench.client.LeanConnection;
import io.imstarter.bench.client.PacketListener;
import io.imstarter.bench.client.WireTemplates;
import io.imstarter.bench.metrics.Latency;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import java.util.BitSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;

/**
 * The group's one sender: QoS messages {@code 0 .. messages-1} (content {@code k}, fingerprint
 * {@code <sender>-<k>}) at a steady rate, no re-sends. Each ACK is checked against the table the moment it arrives,
 * on this connection's own event loop, before anything else happens there: a message the server ACKed before its
 * row was committed would not be found. State is touched on that event loop only; counts are read from any thread.
 */
final class GroupSender implements PacketListener {

    private static final long TICK_MILLIS = 10;

    private final String userId;
    private final String groupAddress;
    private final int messages;
    private final double perSecond;
    private final AtomicLongArray sentAt;
    private final Latency ackLatency;
    private final Predicate<String> committed;
    private final BitSet acked = new BitSet();
    private volatile int sent;
    private volatile int ackedCount;
    private volatile int duplicateAcks;
    private volatile int acksBeforeCommit;
    private volatile int errors;
    private ScheduledFuture<?> pacing;

    /** @param committed whether the row of a fingerprint is in the table */
    GroupSender(String userId, String groupAddress, int messages, double perSecond, AtomicLongArray sentAt,
            Latency ackLatency, Predicate<String> committed) {
        this.userId = userId;
        this.groupAddress = groupAddress;
        this.messages = messages;
        this.perSecond = perSecond;
        this.sentAt = sentAt;
        this.ackLatency = ackLatency;
        this.committed = committed;
    }

    String userId() {
        return userId;
    }

    /** Starts sending on the connection's event loop: as many as the elapsed time allows at the rate. */
    void start(LeanConnection connection) {
        long startNanos = System.nanoTime();
        pacing = connection.eventLoop().scheduleAtFixedRate(() -> {
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            long allowed = Math.min(messages, (long) Math.ceil(elapsed * perSecond));
            while (sent < allowed) {
                int k = sent;
                sentAt.set(k, System.nanoTime());
                connection.writeInReply(WireTemplates.qosData(userId, groupAddress, fingerprint(k),
                        Integer.toString(k)));
                sent = k + 1;
            }
            connection.flush();
            if (sent == messages) {
                pacing.cancel(false);
            }
        }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    String fingerprint(int k) {
        return userId + "-" + k;
    }

    @Override
    public void onPacket(LeanConnection connection, Packet packet) {
        if (packet.type() == PacketType.ERROR) {
            errors++;
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
        ackLatency.recordSince(sentAt.get(k));
        if (!committed.test(fp)) {
            acksBeforeCommit++;
        }
        acked.set(k);
        ackedCount++;
    }

    private int messageNumber(String fp) {
        if (fp == null || !fp.startsWith(userId + "-")) {
            return -1;
        }
        try {
            int k = Integer.parseInt(fp.substring(userId.length() + 1));
            return k >= 0 && k < sent ? k : -1;
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    int sent() {
        return sent;
    }

    int acked() {
        return ackedCount;
    }

    int duplicateAcks() {
        return duplicateAcks;
    }

    /** ACKs whose message had no row in the table when the ACK arrived. */
    int acksBeforeCommit() {
        return acksBeforeCommit;
    }

    /** Type 52 answers and ACKs of nothing this sender sent. */
    int errors() {
        return errors;
    }
}
