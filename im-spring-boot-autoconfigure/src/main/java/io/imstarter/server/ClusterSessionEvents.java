package io.imstarter.server;

/**
 * Tells the cluster when a session registered here starts and ends. Displaced and stale sessions are not released:
 * the session that displaced them owns the user's presence now.
 */
final class ClusterSessionEvents implements ImServerListener {

    private final ClusterRouting cluster;

    ClusterSessionEvents(ClusterRouting cluster) {
        this.cluster = cluster;
    }

    @Override
    public void onLoggedIn(SessionInfo session) {
        cluster.registered(session);
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
