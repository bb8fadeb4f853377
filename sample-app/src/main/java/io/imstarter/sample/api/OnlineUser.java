package io.imstarter.sample.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ClusterPresence;
import io.imstarter.server.SessionInfo;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A user logged in on the IM server, or on one node of the cluster. */
@Schema(description = "A user logged in on the IM server, or on one node of the cluster")
record OnlineUser(@Schema(example = "alice") String userId, @Schema(example = "TCP") Transport transport,
        @Schema(example = "127.0.0.1:53122", description = "The peer's address; null for a user on another node")
        String remoteAddress,
        Instant loggedInAt,
        @Schema(example = "a", description = "The cluster node that holds the session; absent on a single server")
        @JsonInclude(JsonInclude.Include.NON_NULL) String node) {

    /** A session of this server, with its node id when it is one node of a cluster. */
    static OnlineUser of(SessionInfo session, String node) {
        String address = session.remoteAddress() == null ? null
                : session.remoteAddress().getHostString() + ":" + session.remoteAddress().getPort();
        return new OnlineUser(session.userId(), session.transport(), address, session.loggedInAt(), node);
    }

    /** A user on another node, as the cluster's presence has it. */
    static OnlineUser of(ClusterPresence presence) {
        return new OnlineUser(presence.userId(), presence.transport(), null, presence.loggedInAt(),
                presence.nodeId());
    }
}
