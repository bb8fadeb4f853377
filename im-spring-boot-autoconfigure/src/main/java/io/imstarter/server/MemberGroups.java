package io.imstarter.server;

import io.imstarter.store.GroupMembership;
import io.imstarter.store.StoredGroupMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One logged-in member's group streams on this node, one {@link MemberCursor} per group it has been sent something
 * of since its login, and the fingerprints of the copies it has not acknowledged, to match its ACKs.
 */
final class MemberGroups {

    private final GroupRouter router;
    private final String userId;
    private final Map<String, MemberCursor> cursors = new ConcurrentHashMap<>();
    private final Map<String, MemberCursor> unackedFps = new ConcurrentHashMap<>();

    MemberGroups(GroupRouter router, String userId) {
        this.router = router;
        this.userId = userId;
    }

    String userId() {
        return userId;
    }

    /** Starts the member's stream of a group from its pointers, catching up what it missed. */
    void catchUp(GroupMembership membership) {
        cursor(membership).catchUpIfBehind();
    }

    /** A message fanned out live. */
    void offer(GroupMembership membership, StoredGroupMessage message) {
        cursor(membership).offer(message);
    }

    private MemberCursor cursor(GroupMembership membership) {
        return cursors.computeIfAbsent(membership.groupId(), id -> new MemberCursor(router, this, membership));
    }

    /** Claims the member's ACK of a copy; false when no copy of that fingerprint waits for one. */
    boolean acknowledge(String fp) {
        MemberCursor cursor = unackedFps.get(fp);
        return cursor != null && cursor.acknowledge(fp);
    }

    boolean awaitsAck(String fp) {
        return unackedFps.containsKey(fp);
    }

    void awaitingAck(String fp, MemberCursor cursor) {
        unackedFps.put(fp, cursor);
    }

    void noLongerAwaiting(String fp, MemberCursor cursor) {
        unackedFps.remove(fp, cursor);
    }

    void check(long now) {
        cursors.values().forEach(cursor -> cursor.check(now));
    }

    boolean needsFlush() {
        return cursors.values().stream().anyMatch(MemberCursor::needsFlush);
    }

    /** Writes each stream's delivered pointer, in the calling thread. */
    void flush() {
        cursors.values().forEach(MemberCursor::flush);
    }

    void end() {
        cursors.values().forEach(MemberCursor::end);
    }
}
