package io.imstarter.server;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Monotonic counters of what the server did, read by metrics; cheap to update from any thread. */
public final class ImServerStats {

    private final Map<MessageKind, LongAdder> received = counters();
    private final Map<MessageKind, LongAdder> sent = counters();
    private final LongAdder retransmits = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder duplicatesDropped = new LongAdder();
    private final LongAdder kicks = new LongAdder();
    private final LongAdder loginsSucceeded = new LongAdder();
    private final LongAdder loginsFailed = new LongAdder();
    private final LongAdder loginsAnsweredLate = new LongAdder();
    private final LongAdder loginsShutOut = new LongAdder();
    private final LongAdder rejectedPackets = new LongAdder();
    // Caps and deadlines (issue 10).
    private final LongAdder refusedConnections = new LongAdder();
    private final LongAdder loginTimeouts = new LongAdder();
    private final LongAdder frameTimeouts = new LongAdder();
    private final LongAdder closedForBackpressure = new LongAdder();
    private final LongAdder closedForFlooding = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LongAdder replayAcknowledged = new LongAdder();

    public long received(MessageKind kind) {
        return received.get(kind).sum();
    }

    public long sent(MessageKind kind) {
        return sent.get(kind).sum();
    }

    public long retransmits() {
        return retransmits.sum();
    }

    public long lost() {
        return lost.sum();
    }

    public long duplicatesDropped() {
        return duplicatesDropped.sum();
    }

    public long kicks() {
        return kicks.sum();
    }

    public long loginsSucceeded() {
        return loginsSucceeded.sum();
    }

    public long loginsFailed() {
        return loginsFailed.sum();
    }

    /** Refused logins whose answer the refused-login throttle held back. */
    public long loginsAnsweredLate() {
        return loginsAnsweredLate.sum();
    }

    /** Logins closed unanswered and unverified, their user id or address having been refused too often. */
    public long loginsShutOut() {
        return loginsShutOut.sum();
    }

    /** Inbound packets answered with an error (type 52) or dropped by the error rate limit. */
    public long rejectedPackets() {
        return rejectedPackets.sum();
    }

    /** Connections and UDP peers refused because a connection cap was reached. */
    public long refusedConnections() {
        return refusedConnections.sum();
    }

    /** Connections closed because they did not log in within the login timeout. */
    public long loginTimeouts() {
        return loginTimeouts.sum();
    }

    /** Connections closed because a started frame, message or handshake did not complete within the frame timeout. */
    public long frameTimeouts() {
        return frameTimeouts.sum();
    }

    void recordRefusedConnection() {
        refusedConnections.increment();
    }

    void recordLoginTimeout() {
        loginTimeouts.increment();
    }

    void recordFrameTimeout() {
        frameTimeouts.increment();
    }

    /** Connections closed because they did not read what was written to them ({@link LogoutReason#SLOW_CONSUMER}). */
    public long closedForBackpressure() {
        return closedForBackpressure.sum();
    }

    /** Connections closed because they kept sending past the rate limits ({@link LogoutReason#FLOODING}). */
    public long closedForFlooding() {
        return closedForFlooding.sum();
    }

    /** Stored messages written to a receiver that logged in (first sends, not re-sends). */
    public long replayed() {
        return replayed.sum();
    }

    /** Replayed messages the receiver acknowledged (and the store was told to mark delivered). */
    public long replayAcknowledged() {
        return replayAcknowledged.sum();
    }

    void recordReceived(MessageKind kind) {
        received.get(kind).increment();
    }

    void recordSent(MessageKind kind) {
        sent.get(kind).increment();
    }

    void recordRetransmit() {
        retransmits.increment();
    }

    void recordLost(int count) {
        lost.add(count);
    }

    void recordDuplicateDropped() {
        duplicatesDropped.increment();
    }

    void recordKick() {
        kicks.increment();
    }

    void recordLoginSucceeded() {
        loginsSucceeded.increment();
    }

    void recordLoginFailed() {
        loginsFailed.increment();
    }

    void recordLoginAnsweredLate() {
        loginsAnsweredLate.increment();
    }

    void recordLoginShutOut() {
        loginsShutOut.increment();
    }

    void recordRejected() {
        rejectedPackets.increment();
    }

    void recordClosedForBackpressure() {
        closedForBackpressure.increment();
    }

    void recordClosedForFlooding() {
        closedForFlooding.increment();
    }

    void recordReplayed() {
        replayed.increment();
    }

    void recordReplayAcknowledged() {
        replayAcknowledged.increment();
    }

    private static Map<MessageKind, LongAdder> counters() {
        Map<MessageKind, LongAdder> map = new EnumMap<>(MessageKind.class);
        for (MessageKind kind : MessageKind.values()) {
            map.put(kind, new LongAdder());
        }
        return map;
    }
}
