package io.imstarter.bench.scenario;

import io.imstarter.bench.client.LeanConnection;
import io.imstarter.bench.client.WireTemplates;
import io.imstarter.protocol.Packet;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One sender and one receiver. Sender state is touched only on the sender's event loop and receiver state only on
 * the receiver's, so nothing here needs a lock. A message's fingerprint ends with its sequence number, which
 * indexes the send timestamps (ACK latency, lost) and the received set (duplicates). With {@code --retransmit-after}
 * the sender sends a message again, same fingerprint and content, each time that long passed without its ACK, so
 * the server's de-duplication has copies to stop; one a 52/305 refused is sent again the same way.
 */
final class C2cPair {

    private final C2cPhase phase;
    private final C2cPlan plan;
    private final String senderId;
    private final String receiverId;
    private final String fpPrefix;
    private final String padding;
    private LeanConnection sender;

    // sender side: send time per sequence, 0 = never sent, ACKED once acknowledged
    private static final long ACKED = -1;
    private long[] sentAt = new long[64];
    /** When each message was last written, for re-sends; guarded like {@link #sentAt}. */
    private long[] lastSentAt = new long[64];
    /** No message below it waits for an ACK. */
    private int firstUnacked;
    private int nextSeq;
    private int outstanding;
    private double credit;
    private ScheduledFuture<?> pacing;
    private ScheduledFuture<?> retransmits;

    // receiver side
    private final BitSet received = new BitSet();

    C2cPair(C2cPhase phase, C2cPlan plan, String senderId, String receiverId, String fpPrefix) {
        this.phase = phase;
        this.plan = plan;
        this.senderId = senderId;
        this.receiverId = receiverId;
        this.fpPrefix = fpPrefix;
        this.padding = "x".repeat(Math.max(0, plan.payload() - 19));
    }

    String senderId() {
        return senderId;
    }

    String receiverId() {
        return receiverId;
    }

    void senderReady(LeanConnection connection) {
        this.sender = connection;
    }

    /** Starts sending on the sender's event loop: a full window, or a paced share of the offered rate. */
    void start() {
        if (plan.retransmits()) {
            long every = Math.max(1, plan.retransmitAfter().toMillis() / 4);
            retransmits = sender.eventLoop().scheduleWithFixedDelay(this::retransmitOverdue, every, every,
                    TimeUnit.MILLISECONDS);
        }
        if (plan.windowMode()) {
            sender.eventLoop().execute(() -> {
                for (int i = 0; i < plan.window(); i++) {
                    sendOne(true);
                }
            });
            return;
        }
        double perPairRate = (double) plan.rate() / plan.pairs();
        long periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), (long) (1e9 / perPairRate));
        double perTick = perPairRate * periodNanos / 1e9;
        long firstDelay = (long) (Math.random() * periodNanos);
        pacing = sender.eventLoop().scheduleAtFixedRate(() -> {
            credit += perTick;
            while (credit >= 1) {
                credit -= 1;
                if (outstanding >= plan.window()) {
                    phase.throttled();
                }
                else {
                    sendOne(true);
                }
            }
        }, firstDelay, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** Stops sending new messages; re-sends go on until {@link #stopRetransmitting}, through the drain. */
    void stop() {
        ScheduledFuture<?> timer = pacing;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    void stopRetransmitting() {
        ScheduledFuture<?> timer = retransmits;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    void onSenderPacket(Packet packet) {
        if (packet.type() == io.imstarter.protocol.PacketType.ERROR) {
            phase.refused(packet);
            return;
        }
        if (packet.type() != io.imstarter.protocol.PacketType.ACK) {
            return;
        }
        int seq = sequenceOf(packet.dataContent());
        if (seq < 0 || seq >= nextSeq) {
            phase.unknownAck();
            return;
        }
        long sentNanos = sentAt[seq];
        if (sentNanos == ACKED) {
            phase.duplicateAck();
            return;
        }
        sentAt[seq] = ACKED;
        outstanding--;
        phase.acked(sentNanos);
        if (plan.windowMode()) {
            sendOne(false);
        }
    }

    void onReceiverPacket(LeanConnection receiver, Packet packet) {
        if (packet.type() != io.imstarter.protocol.PacketType.DATA || packet.fp() == null) {
            return;
        }
        receiver.writeInReply(WireTemplates.ack(receiverId, packet.from(), packet.fp()));
        int seq = sequenceOf(packet.fp());
        if (seq < 0) {
            phase.unknownData();
            return;
        }
        if (received.get(seq)) {
            phase.duplicateReceived();
            return;
        }
        received.set(seq);
        phase.received(sentNanosIn(packet.dataContent()));
    }

    /** @param flush false when called while the sender's connection is reading, which flushes at the end */
    private void sendOne(boolean flush) {
        if (!phase.sending() || nextSeq >= plan.maxPerPair()) {
            return;
        }
        int seq = nextSeq++;
        if (seq == sentAt.length) {
            sentAt = Arrays.copyOf(sentAt, Math.min(plan.maxPerPair(), sentAt.length * 2));
            lastSentAt = Arrays.copyOf(lastSentAt, sentAt.length);
        }
        long now = System.nanoTime();
        sentAt[seq] = now;
        lastSentAt[seq] = now;
        outstanding++;
        write(seq, flush);
        phase.sent();
    }

    private void write(int seq, boolean flush) {
        byte[] body = WireTemplates.qosData(senderId, receiverId, fpPrefix + seq, timestamp(sentAt[seq]) + padding);
        if (flush) {
            sender.writeAndFlush(body);
        }
        else {
            sender.writeInReply(body);
        }
    }

    /** Sends again, unchanged, every message whose ACK is overdue by {@code --retransmit-after}. */
    private void retransmitOverdue() {
        while (firstUnacked < nextSeq && sentAt[firstUnacked] == ACKED) {
            firstUnacked++;
        }
        long overdue = System.nanoTime() - plan.retransmitAfter().toNanos();
        for (int seq = firstUnacked; seq < nextSeq; seq++) {
            if (sentAt[seq] != ACKED && lastSentAt[seq] <= overdue) {
                lastSentAt[seq] = System.nanoTime();
                write(seq, false);
                phase.retransmitted();
            }
        }
        sender.flush();
    }

    private int sequenceOf(String fp) {
        if (fp == null || !fp.startsWith(fpPrefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(fp, fpPrefix.length(), fp.length(), 10);
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** A nanoTime reading in exactly 19 characters, so the receiver finds it without a separator. */
    private static String timestamp(long nanos) {
        String digits = Long.toString(Math.abs(nanos));
        String sign = nanos < 0 ? "-" : "";
        return sign + "0".repeat(19 - sign.length() - digits.length()) + digits;
    }

    /** The send timestamp the sender wrote; now (latency 0) if a foreign server rewrote the content. */
    private static long sentNanosIn(String content) {
        try {
            return Long.parseLong(content, 0, 19, 10);
        }
        catch (RuntimeException ex) {
            return System.nanoTime();
        }
    }
}
