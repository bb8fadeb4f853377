package io.imstarter.cluster;

import io.imstarter.server.ClusterNode;
import io.imstarter.server.KickReason;
import io.imstarter.server.SessionInfo;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes the race of two nodes logging in the same user at once: the message telling a node that its session was
 * displaced can arrive after that node claimed the user but before it registered the session. The displacement is
 * remembered first and tried second; the registration tries it again, so whichever comes last ends the session.
 * Bounded; entries older than the given age are forgotten (the heartbeat still catches those sessions).
 */
public final class MissedDisplacements {

    /** Displacements remembered at once; beyond it the heartbeat alone catches a late registration. */
    static final int MAX_ENTRIES = 10_000;

    private record Displacement(long firstLoginTime, KickReason reason, long at) {
    }

    private final Map<String, Displacement> byUser = new ConcurrentHashMap<>();
    private final long maxAgeNanos;

    public MissedDisplacements(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** Ends the user's local session with {@code firstLoginTime}, now or when it registers. */
    public void displace(ClusterNode node, String userId, long firstLoginTime, KickReason reason) {
        Displacement displacement = new Displacement(firstLoginTime, reason, System.nanoTime());
        if (byUser.size() < MAX_ENTRIES) {
            byUser.put(userId, displacement);
        }
        if (node.displace(userId, firstLoginTime, reason)) {
            byUser.remove(userId, displacement);
        }
    }

    /** A session registered here: ends it at once if another node displaced it already. */
    public void registered(ClusterNode node, SessionInfo session) {
        Displacement displacement = byUser.remove(session.userId());
        if (displacement != null && displacement.firstLoginTime() == session.firstLoginTime()
                && System.nanoTime() - displacement.at() < maxAgeNanos) {
            node.displace(session.userId(), session.firstLoginTime(), displacement.reason());
        }
    }

    /** Forgets displacements older than the maximum age. */
    public void expire() {
        long now = System.nanoTime();
        byUser.values().removeIf(displacement -> now - displacement.at() >= maxAgeNanos);
    }

    public int size() {
        return byUser.size();
    }
}
