package io.imstarter.sample.api;

import io.imstarter.protocol.Transport;
import io.imstarter.server.SessionInfo;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A user logged in on the IM server. */
@Schema(description = "A user logged in on the IM server")
record OnlineUser(@Schema(example = "alice") String userId, @Schema(example = "TCP") Transport transport,
        @Schema(example = "127.0.0.1:53122") String remoteAddress, Instant loggedInAt) {

    static OnlineUser of(SessionInfo session) {
        String address = session.remoteAddress() == null ? null
                : session.remoteAddress().getHostString() + ":" + session.remoteAddress().getPort();
        return new OnlineUser(session.userId(), session.transport(), address, session.loggedInAt());
    }
}
