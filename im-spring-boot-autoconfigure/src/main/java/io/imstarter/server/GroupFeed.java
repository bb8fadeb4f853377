package io.imstarter.server;

import io.imstarter.store.GroupMembership;
import io.imstarter.store.StoredGroupMessage;
import java.util.List;

/**
 * One group's fan-out on this node: told that the group reached a sequence number (by a commit here or a note from
 * another node, in any order), it reads the messages it has not fanned out from the store, in sequence order, with
 * the members as they are now, and offers each to the members online here. One drain at a time per group, on the
 * group pool; the store is the only source, so every node fans out the same rows in the same order. It retires when
 * it has caught up; the next note starts a new one.
 */
final class GroupFeed {

    private static final int PAGE = 100;
    private static final long RETRY_MILLIS = 1000;

    private final GroupRouter router;
    private final String groupId;
    private long fannedOut;
    private long known;
    private boolean draining;
    private boolean retired;

    GroupFeed(GroupRouter router, String groupId, long fannedOut) {
        this.router = router;
        this.groupId = groupId;
        this.fannedOut = fannedOut;
        this.known = fannedOut;
    }

    /** The group reached {@code seq}; false when this feed retired and a new one must take it. */
    boolean advanced(long seq) {
        synchronized (this) {
            if (retired) {
                return false;
            }
            if (seq <= known) {
                return true;
            }
            known = seq;
            if (draining) {
                return true;
            }
            draining = true;
        }
        startDrain();
        return true;
    }

    private void startDrain() {
        if (!router.runOnPool(this::drain)) {
            retryLater();
        }
    }

    private void drain() {
        while (true) {
            long after;
            synchronized (this) {
                if (fannedOut >= known) {
                    draining = false;
                    retired = true;
                    router.retire(groupId, this);
                    return;
                }
                after = fannedOut;
            }
            List<StoredGroupMessage> page;
            List<GroupMembership> members;
            try {
                page = router.store().messagesAfter(groupId, after, PAGE);
                members = page.isEmpty() ? List.of() : router.store().members(groupId);
            }
            catch (RuntimeException ex) {
                router.log().warn("IM could not read group {} after seq {}; trying again in {} ms", groupId, after,
                        RETRY_MILLIS, ex);
                retryLater();
                return;
            }
            for (StoredGroupMessage message : page) {
                router.offer(message, members);
            }
            synchronized (this) {
                fannedOut = page.isEmpty() ? known : page.get(page.size() - 1).seq();
            }
        }
    }

    private void retryLater() {
        router.schedule(this::startDrain, RETRY_MILLIS);
    }
}
