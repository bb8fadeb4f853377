package io.imstarter.bench.scenario;

import io.imstarter.bench.client.ErrorCodes;
import io.imstarter.bench.client.LeanConnection;
import io.imstarter.bench.client.PacketListener;
import io.imstarter.bench.client.WireTemplates;
import io.imstarter.bench.metrics.Latency;
import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.UnaryOperator;

/**
 * One member of the benchmark group, as a stock client behaves: it ACKs every copy as it arrives (to the copy's
 * {@code from}) and keeps the first copy of each fingerprint, in the order they came, to be compared with the
 * group's order in the table. Told that it is not logged in (52/301: the server ended a UDP session it heard nothing
 * from, its datagrams lost to a full receive buffer), it logs in again, as a stock client does, and so catches up
 * what it missed. The content of message {@code k} is {@code k}. Called on its connection's event loop; read from
 * any thread.
 */
final class GroupMember implements PacketListener {

    private static final long RELOGIN_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final String userId;
    private final Transport transport;
    private final String groupAddress;
    private final int messages;
    private final AtomicLongArray sentAt;
    private final Latency delivery;
    private final UnaryOperator<String> tokens;
    private final BitSet seen = new BitSet();
    private final int[] arrivals;
    private int unique;
    private long duplicates;
    private long foreign;
    private long lastArrivalNanos;
    private long loginSentNanos;
    private int relogins;

    /**
     * @param sentAt when each message was sent, to record its delivery latency; null when the member was offline
     *     and latency means nothing
     */
    GroupMember(String userId, Transport transport, String groupAddress, int messages, AtomicLongArray sentAt,
            Latency delivery, UnaryOperator<String> tokens) {
        this.userId = userId;
        this.transport = transport;
        this.groupAddress = groupAddress;
        this.messages = messages;
        this.sentAt = sentAt;
        this.delivery = delivery;
        this.tokens = tokens;
        this.arrivals = new int[messages];
    }

    String userId() {
        return userId;
    }

    Transport transport() {
        return transport;
    }

    @Override
    public void onPacket(LeanConnection connection, Packet packet) {
        if (packet.type() == PacketType.ERROR && ErrorCodes.of(packet) == ErrorCode.NOT_LOGGED_IN) {
            logInAgain(connection);
        }
        if (packet.type() != PacketType.DATA) {
            return;
        }
        if (packet.qos()) {
            connection.writeInReply(WireTemplates.ack(userId, packet.from(), packet.fp()));
        }
        int k = messageNumber(packet);
        synchronized (this) {
            lastArrivalNanos = System.nanoTime();
            if (k < 0) {
                foreign++;
                return;
            }
            if (seen.get(k)) {
                duplicates++;
                return;
            }
            seen.set(k);
            arrivals[unique++] = k;
        }
        if (sentAt != null) {
            delivery.recordSince(sentAt.get(k));
        }
    }

    /** At most one login every 3 s: the server answers every packet of a dropped session with a 301. */
    private void logInAgain(LeanConnection connection) {
        synchronized (this) {
            long now = System.nanoTime();
            if (relogins > 0 && now - loginSentNanos < RELOGIN_NANOS) {
                return;
            }
            loginSentNanos = now;
            relogins++;
        }
        connection.login(userId, tokens.apply(userId), null);
    }

    synchronized int relogins() {
        return relogins;
    }

    /** The message's number, or -1 when it is not a copy of this run's group messages. */
    private int messageNumber(Packet packet) {
        if (!groupAddress.equals(packet.from()) || !userId.equals(packet.to())) {
            return -1;
        }
        try {
            int k = Integer.parseInt(packet.dataContent());
            return k >= 0 && k < messages ? k : -1;
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    synchronized boolean hasAll() {
        return unique == messages;
    }

    synchronized long unique() {
        return unique;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    /** Whether the messages came in the group's order: {@code order[i]} is the content of sequence number i + 1. */
    synchronized boolean cameInOrder(int[] order) {
        return unique <= order.length && Arrays.equals(arrivals, 0, unique, order, 0, unique);
    }

    /** Type 2 packets that were not a copy of the group's messages addressed to this member. */
    synchronized long foreign() {
        return foreign;
    }

    synchronized long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** Every message this member received, counted once each, and the copies it got again. */
    synchronized long received() {
        return unique + duplicates + foreign;
    }
}
