package io.imstarter.server;

/**
 * Tells the cluster when a session registered here ends (its start is told by the login itself, at once). Displaced
 * and stale sessions are not released: the session that displaced them owns the user's presence now.
 */
final class ClusterSessionEvents implements ImServerListener {

    private final ClusterRouting cluster;

    ClusterSessionEvents(ClusterRouting cluster) {
        this.cluster = cluster;
    }

    @Override
    public void onLoggedOut(SessionInfo session, LogoutReason reason) {
        cluster.release(session);
    }

    @Override
    public void onKicked(SessionInfo session, KickReason reason) {
        if (reason == KickReason.ADMIN) {
            cluster.release(session);
        }
    }
}
