package io.imstarter.server;

import io.imstarter.protocol.Transport;
import java.time.Instant;

/**
 * One user's presence in the cluster: which node holds its session.
 *
 * @param userId the user
 * @param nodeId the node that holds the session; null on a single server, which has no node id
 * @param transport the session's transport
 * @param firstLoginTime the session's stored firstLoginTime (section 6.2)
 * @param loggedInAt when the node accepted the login
 */
public record ClusterPresence(String userId, String nodeId, Transport transport, long firstLoginTime,
        Instant loggedInAt) {

    /** A session of this server, on {@code nodeId}. */
    static ClusterPresence of(SessionInfo session, String nodeId) {
        return new ClusterPresence(session.userId(), nodeId, session.transport(), session.firstLoginTime(),
                session.loggedInAt());
    }
}
