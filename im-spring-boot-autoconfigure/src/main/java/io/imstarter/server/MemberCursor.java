package io.imstarter.server;

import io.imstarter.protocol.Packet;
import io.imstarter.store.GroupMembership;
import io.imstarter.store.StoredGroupMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One member's stream of one group for one login: sends the group's messages strictly in sequence order, each once
 * as a QoS copy (re-sent like a receiver leg, section 9.2), at most {@code maxUnackedPerMember} without an ACK. A
 * live message that is the next one goes out at once; one that finds a gap, a full window or a read in progress
 * makes the cursor read on from the store instead, so a member never sees the order change, whoever committed the
 * message and whichever node told us. The contiguous ACKed prefix becomes the member's delivered pointer, written
 * to the store now and then; what stays unacknowledged comes again at the next login. All state is guarded by this
 * object; nothing here blocks.
 */
final class MemberCursor {

    private static final long RETRY_MILLIS = 1000;

    /** A copy waiting for its ACK. */
    private static final class Sent {
        final long seq;
        final Packet copy;
        long sentAt;
        int resends;
        boolean inWindow = true;

        Sent(long seq, Packet copy, long sentAt) {
            this.seq = seq;
            this.copy = copy;
            this.sentAt = sentAt;
        }
    }

    private final GroupRouter router;
    private final MemberGroups member;
    private final String groupId;
    private final int window;
    /** Unacknowledged copies by fingerprint, in sequence order; given-up ones stay for a late ACK, bounded. */
    private final LinkedHashMap<String, Sent> unacked = new LinkedHashMap<>();
    /** Sequence numbers ACKed above the contiguous prefix. */
    private final TreeSet<Long> ackedAbove = new TreeSet<>();
    private long nextSeq;
    private long ackedUpTo;
    private long flushedUpTo;
    private long groupLastSeq;
    private int inWindow;
    private boolean reading;
    private boolean moreAfterRead;
    private boolean behind;
    private boolean ended;

    MemberCursor(GroupRouter router, MemberGroups member, GroupMembership membership) {
        this.router = router;
        this.member = member;
        this.groupId = membership.groupId();
        this.window = router.settings().getMaxUnackedPerMember();
        long oldestCaughtUp = membership.lastSeq() - router.settings().getMaxReplayPerGroup();
        this.nextSeq = Math.max(membership.caughtUpTo(), oldestCaughtUp) + 1;
        this.ackedUpTo = nextSeq - 1;
        this.flushedUpTo = membership.deliveredSeq();
        this.groupLastSeq = membership.lastSeq();
    }

    /** Reads what the member missed before its login, if anything. */
    synchronized void catchUpIfBehind() {
        if (groupLastSeq >= nextSeq && !reading) {
            readOrWait();
        }
    }

    /** A message fanned out live: sent when it is the next one and the window has room, else read in order. */
    synchronized void offer(StoredGroupMessage message) {
        if (ended || message.seq() < nextSeq) {
            return;
        }
        if (reading) {
            moreAfterRead = true;
            return;
        }
        if (message.seq() > nextSeq || inWindow >= window || behind) {
            readOrWait();
            return;
        }
        send(message);
    }

    /** Claims the ACK of a copy this cursor sent. */
    boolean acknowledge(String fp) {
        synchronized (this) {
            Sent sent = unacked.remove(fp);
            if (sent == null) {
                return false;
            }
            member.noLongerAwaiting(fp, this);
            if (sent.inWindow) {
                inWindow--;
            }
            acked(sent.seq);
            if (behind && !ended && inWindow <= window / 2) {
                readOrWait();
            }
        }
        router.stats().recordReceived(MessageKind.ACK);
        return true;
    }

    /** Re-sends what is at least min-age old; gives up the window slot of what ran out of retries. */
    synchronized void check(long now) {
        if (ended) {
            return;
        }
        long minAge = router.qos().getMinAge().toMillis();
        int maxRetries = router.qos().getMaxRetries();
        boolean freed = false;
        for (Sent sent : unacked.values()) {
            if (!sent.inWindow || now - sent.sentAt < minAge) {
                continue;
            }
            if (sent.resends < maxRetries) {
                sent.resends++;
                sent.sentAt = now;
                router.stats().recordRetransmit();
                router.write(member.userId(), sent.copy);
            }
            else {
                sent.inWindow = false;
                inWindow--;
                freed = true;
            }
        }
        dropGivenUpBeyond(window);
        if (freed && behind && inWindow <= window / 2) {
            readOrWait();
        }
    }

    synchronized boolean needsFlush() {
        return ackedUpTo > flushedUpTo;
    }

    /** Writes the delivered pointer when it moved; runs on the group pool. */
    void flush() {
        long upTo;
        synchronized (this) {
            if (ackedUpTo <= flushedUpTo) {
                return;
            }
            upTo = ackedUpTo;
            flushedUpTo = upTo;
        }
        try {
            router.store().markDelivered(groupId, member.userId(), upTo);
        }
        catch (RuntimeException ex) {
            router.log().warn("IM could not move {}'s delivered pointer of group {} to {}; its next login catches up"
                    + " from the last one written", member.userId(), groupId, upTo, ex);
        }
    }

    synchronized void end() {
        ended = true;
    }

    private void send(StoredGroupMessage message) {
        nextSeq = message.seq() + 1;
        if (message.sender().equals(member.userId())) {
            acked(message.seq()); // the sender has its ACK; its own message is not copied back to it
            return;
        }
        Sent sent = new Sent(message.seq(), router.copyFor(message, member.userId()), System.currentTimeMillis());
        Sent previous = unacked.put(message.fp(), sent);
        if (previous != null && previous.inWindow) {
            inWindow--;
        }
        inWindow++;
        member.awaitingAck(message.fp(), this);
        router.stats().recordSent(MessageKind.C2C);
        router.write(member.userId(), sent.copy);
    }

    private void acked(long seq) {
        if (seq <= ackedUpTo) {
            return;
        }
        ackedAbove.add(seq);
        while (ackedAbove.remove(ackedUpTo + 1)) {
            ackedUpTo++;
        }
        // A gap older than the replay cap would never be caught up anyway: the pointer moves past it.
        while (ackedAbove.size() > router.settings().getMaxReplayPerGroup()) {
            ackedUpTo = ackedAbove.pollFirst();
            while (ackedAbove.remove(ackedUpTo + 1)) {
                ackedUpTo++;
            }
        }
    }

    /**
     * Reads on from the store when the window has room, else once ACKs or give-ups have emptied half of it (a read
     * per freed slot would be a query per ACK).
     */
    private void readOrWait() {
        if (reading) {
            moreAfterRead = true;
            return;
        }
        if (inWindow >= window) {
            behind = true;
            return;
        }
        behind = false;
        reading = true;
        moreAfterRead = false;
        long after = nextSeq - 1;
        int limit = window - inWindow;
        if (!router.runOnPool(() -> read(after, limit))) {
            readFailed();
        }
    }

    private void read(long after, int limit) {
        List<StoredGroupMessage> page;
        try {
            page = router.store().memberMessagesAfter(groupId, member.userId(), after, limit);
        }
        catch (RuntimeException ex) {
            router.log().warn("IM could not read group {} for {}; trying again in {} ms", groupId, member.userId(),
                    RETRY_MILLIS, ex);
            synchronized (this) {
                readFailed();
            }
            return;
        }
        synchronized (this) {
            reading = false;
            if (ended) {
                return;
            }
            for (StoredGroupMessage message : page) {
                if (message.seq() >= nextSeq) {
                    send(message);
                }
            }
            if (page.size() == limit || moreAfterRead) {
                readOrWait();
            }
        }
    }

    private void readFailed() {
        reading = false;
        router.schedule(() -> {
            synchronized (this) {
                if (!ended) {
                    readOrWait();
                }
            }
        }, RETRY_MILLIS);
    }

    /** Keeps at most {@code limit} given-up copies for late ACKs, dropping the oldest. */
    private void dropGivenUpBeyond(int limit) {
        int givenUp = unacked.size() - inWindow;
        List<String> dropped = new ArrayList<>();
        for (Iterator<Map.Entry<String, Sent>> it = unacked.entrySet().iterator(); givenUp > limit && it.hasNext();) {
            Map.Entry<String, Sent> entry = it.next();
            if (!entry.getValue().inWindow) {
                it.remove();
                dropped.add(entry.getKey());
                givenUp--;
            }
        }
        dropped.forEach(fp -> member.noLongerAwaiting(fp, this));
    }
}
