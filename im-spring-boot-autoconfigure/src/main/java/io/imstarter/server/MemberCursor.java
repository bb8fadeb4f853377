package io.imstarter.server;

import io.imstarter.protocol.Packet;
import io.imstarter.store.GroupMembership;
import io.imstarter.store.StoredGroupMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One member's stream of one group for one login: sends the group's messages strictly in sequence order, each once
 * as a QoS copy (re-sent like a receiver leg, section 9.2), at most {@code maxUnackedPerMember} without an ACK. A
 * live message that is the next one goes out at once; one that finds a gap, a full window or a read in progress
 * makes the cursor read on from the store instead, so a member never sees the order change, whoever committed the
 * message and whichever node told us. A read that skips sequence numbers means the store no longer holds them
 * (expired, or from before the member joined again): they are settled as if ACKed, so the pointer moves past them.
 * The contiguous settled prefix becomes the member's delivered pointer, written to the store now and then. A copy
 * out of re-sends leaves the window but is sent again every few min-ages while the session lasts (at most a window
 * of them is kept); what stays unacknowledged comes again at the next login. All state is guarded by this object; nothing here blocks.
 */
final class MemberCursor {

    private static final long RETRY_MILLIS = 1000;

    /** A copy out of re-sends is sent again after this many min-ages, while the member stays online. */
    private static final int GIVEN_UP_RESEND_FACTOR = 4;

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
    /** Ranges of sequence numbers settled above the contiguous prefix, first to last: ACKed, or gone from the store. */
    private final TreeMap<Long, Long> settledAbove = new TreeMap<>();
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
            if (!sent.inWindow) {
                // Out of the window but kept: the member is still here (a UDP member may have lost both ACKs), so
                // the copy goes again now and then, or its pointer would stay before it for the whole session.
                if (now - sent.sentAt >= GIVEN_UP_RESEND_FACTOR * minAge) {
                    resend(sent, now);
                }
                continue;
            }
            if (now - sent.sentAt < minAge) {
                continue;
            }
            if (sent.resends < maxRetries) {
                sent.resends++;
                resend(sent, now);
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

    private void resend(Sent sent, long now) {
        sent.sentAt = now;
        router.stats().recordRetransmit();
        router.write(member.userId(), sent.copy);
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
        settled(seq, seq);
    }

    /** Sequence numbers {@code first} to {@code last} need nothing more; the prefix grows over what joins it. */
    private void settled(long first, long last) {
        if (last <= ackedUpTo) {
            return;
        }
        settledAbove.merge(Math.max(first, ackedUpTo + 1), last, Math::max);
        joinPrefix();
        // A gap older than the replay cap would never be caught up anyway: the pointer moves past it.
        while (settledAbove.size() > router.settings().getMaxReplayPerGroup()) {
            ackedUpTo = settledAbove.pollFirstEntry().getValue();
            joinPrefix();
        }
    }

    private void joinPrefix() {
        Map.Entry<Long, Long> next;
        while ((next = settledAbove.firstEntry()) != null && next.getKey() <= ackedUpTo + 1) {
            settledAbove.pollFirstEntry();
            ackedUpTo = Math.max(ackedUpTo, next.getValue());
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
                if (message.seq() > nextSeq) {
                    // committed in order, so what the read skipped is not in the store any more
                    settled(nextSeq, message.seq() - 1);
                }
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
