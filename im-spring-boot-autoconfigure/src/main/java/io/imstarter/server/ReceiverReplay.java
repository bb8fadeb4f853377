package io.imstarter.server;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.store.StoredMessage;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiver's replay for one session (section 10): reads its undelivered messages page by page in sequence order
 * and writes them as ordinary QoS type 2 packets, at most {@code batchSize} without an ACK and at most
 * {@code ratePerSecond}. An unacknowledged message is re-sent like a receiver leg (section 9.2); once its retries
 * are used up it leaves the window so the rest can follow, and stays stored for the next login. All state is
 * guarded by this object; nothing here blocks.
 */
final class ReceiverReplay {

    private static final Logger log = LoggerFactory.getLogger(ReceiverReplay.class);
    private static final long PAGE_RETRY_MILLIS = 1000;
    private static final int RECENT_ACKS_PER_BATCH = 4;

    /** A replayed message waiting for its ACK. */
    private static final class Sent {
        final Packet packet;
        long sentAt;
        int resends;
        boolean inWindow = true;

        Sent(Packet packet, long sentAt) {
            this.packet = packet;
            this.sentAt = sentAt;
        }
    }

    private final StoredReplay owner;
    private final Connection connection;
    private final String userId;
    private final int batchSize;
    private final long wakeUpMillis;
    private final TokenBucket rate;
    private final Deque<StoredMessage> buffered = new ArrayDeque<>();
    /** Every message sent in this replay and not yet ACKed, so a late ACK is still claimed; bounded by the store. */
    private final Map<MessageKey, Sent> unacknowledged = new HashMap<>();
    /** The latest ACKed messages, so that a second ACK (of a re-sent copy) is dropped too, not passed to the sender. */
    private final Set<MessageKey> recentlyAcknowledged;
    /**
     * The latest messages the receiver ACKed as live copies, or (on TCP and WebSocket, which deliver what they
     * accepted or break the connection, and with it this replay) that were written to it live: when one of them is
     * also stored (its routing timed out while Redis was away, say), the stored copy is marked delivered instead of
     * replayed.
     */
    private final Set<MessageKey> acknowledgedLive;
    private int inWindow;
    private long afterSeq;
    private boolean reading;
    private boolean exhausted;
    /** A message was stored after the page being read was queried: the read may have missed it. */
    private boolean storedSinceRead;
    private boolean ended;
    private ScheduledFuture<?> wakeUp;
    private boolean wakeUpPending;

    ReceiverReplay(StoredReplay owner, Connection connection) {
        ReplaySettings settings = owner.settings();
        this.owner = owner;
        this.connection = connection;
        this.userId = connection.session().userId();
        this.batchSize = settings.batchSize();
        this.recentlyAcknowledged = boundedSet(RECENT_ACKS_PER_BATCH * settings.batchSize());
        this.acknowledgedLive = boundedSet(RECENT_ACKS_PER_BATCH * settings.batchSize());
        this.wakeUpMillis = Math.max(1, 1000 / settings.ratePerSecond());
        this.rate = new TokenBucket(settings.ratePerSecond(), Math.min(settings.batchSize(),
                settings.ratePerSecond()));
    }

    String userId() {
        return userId;
    }

    boolean isSessionOver() {
        return !owner.isCurrent(connection, userId);
    }

    synchronized void end() {
        ended = true;
        buffered.clear();
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
    }

    /** Sends what the window and the rate allow, and reads the next page when the buffer ran dry. */
    synchronized void pump() {
        if (ended) {
            return;
        }
        if (isSessionOver()) {
            end();
            return;
        }
        while (inWindow < batchSize && !buffered.isEmpty()) {
            if (!rate.tryTake()) {
                wakeUpIn(wakeUpMillis);
                break;
            }
            send(buffered.poll());
        }
        if (buffered.isEmpty() && !exhausted && !reading) {
            readNextPage();
        }
    }

    /** The store has a new message for this receiver: read on after the last page. */
    void moreStored() {
        synchronized (this) {
            storedSinceRead = true;
            exhausted = false;
        }
        pump();
    }

    /** Claims the receiver's ACK of a message this replay sent. */
    boolean acknowledge(Packet ack) {
        MessageKey key = new MessageKey(ack.to(), ack.dataContent());
        synchronized (this) {
            Sent sent = unacknowledged.remove(key);
            if (sent == null) {
                if (!recentlyAcknowledged.contains(key)) {
                    acknowledgedLive.add(key);
                    return false;
                }
                return true;
            }
            recentlyAcknowledged.add(key);
            if (sent.inWindow) {
                inWindow--;
            }
        }
        owner.stats().recordReplayAcknowledged();
        owner.markDelivered(userId, ack.to(), ack.dataContent());
        pump();
        return true;
    }

    /** A live copy of the message was written to the receiver's connection. */
    synchronized void deliveredLive(Packet message) {
        if (connection.transport() != Transport.UDP) {
            acknowledgedLive.add(new MessageKey(message.from(), message.fp()));
        }
    }

    /** Whether this replay sent the message (its ACK pending or recent), so a live copy of it would repeat it. */
    synchronized boolean sent(Packet message) {
        MessageKey key = new MessageKey(message.from(), message.fp());
        return unacknowledged.containsKey(key) || recentlyAcknowledged.contains(key);
    }

    /** Re-sends what is at least {@code minAge} old; gives up the window slot of what ran out of retries. */
    void check(long now, long minAge, int maxRetries) {
        boolean freed = false;
        synchronized (this) {
            if (ended) {
                return;
            }
            for (Sent sent : unacknowledged.values()) {
                if (!sent.inWindow || now - sent.sentAt < minAge) {
                    continue;
                }
                if (sent.resends < maxRetries) {
                    sent.resends++;
                    sent.sentAt = now;
                    owner.stats().recordRetransmit();
                    write(sent.packet);
                }
                else {
                    sent.inWindow = false;
                    inWindow--;
                    freed = true;
                }
            }
        }
        if (freed) {
            pump();
        }
    }

    private static Set<MessageKey> boundedSet(int capacity) {
        return Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<MessageKey, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }

    private void send(StoredMessage message) {
        if (acknowledgedLive.contains(new MessageKey(message.sender(), message.fp()))) {
            owner.markDelivered(userId, message.sender(), message.fp());
            return;
        }
        Packet packet = new Packet(false, PacketType.DATA, message.content(), message.sender(), userId, message.fp(),
                true, message.typeu(), message.acceptedAt());
        Sent previous = unacknowledged.put(new MessageKey(message.sender(), message.fp()),
                new Sent(packet, System.currentTimeMillis()));
        if (previous != null && previous.inWindow) {
            inWindow--;
        }
        inWindow++;
        owner.stats().recordReplayed();
        write(packet);
    }

    private void write(Packet packet) {
        owner.stats().recordSent(MessageKind.C2C);
        connection.write(packet);
    }

    /** Pumps again after {@code millis}, unless a wake-up is already due. */
    private void wakeUpIn(long millis) {
        if (!wakeUpPending) {
            wakeUpPending = true;
            wakeUp = owner.schedule(this::wokenUp, millis);
        }
    }

    private void wokenUp() {
        synchronized (this) {
            wakeUpPending = false;
        }
        pump();
    }

    private void readNextPage() {
        reading = true;
        storedSinceRead = false;
        long after = afterSeq;
        boolean queued = owner.runOnStore(() -> {
            try {
                pageRead(owner.store().undelivered(userId, after, batchSize), null);
            }
            catch (RuntimeException ex) {
                pageRead(null, ex);
            }
        });
        if (!queued) {
            pageRead(null, new IllegalStateException("the store queue is full"));
        }
    }

    private void pageRead(List<StoredMessage> page, RuntimeException failure) {
        synchronized (this) {
            reading = false;
            if (ended) {
                return;
            }
            if (failure != null) {
                log.warn("IM could not read stored messages for {}; trying again in {} ms", userId,
                        PAGE_RETRY_MILLIS, failure);
                wakeUpIn(PAGE_RETRY_MILLIS);
                return;
            }
            buffered.addAll(page);
            if (!page.isEmpty()) {
                afterSeq = page.get(page.size() - 1).seq();
            }
            exhausted = page.size() < batchSize && !storedSinceRead;
        }
        pump();
    }
}
