package io.imstarter.server;

import io.imstarter.protocol.Transport;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * An immutable view of a logged-in session, safe to hand to application code.
 *
 * @param userId the logged-in user id
 * @param transport the transport of the session's connection
 * @param remoteAddress the peer's address
 * @param firstLoginTime the firstLoginTime stored for the session (section 6.2)
 * @param loggedInAt when the login was accepted
 */
public record SessionInfo(String userId, Transport transport, InetSocketAddress remoteAddress, long firstLoginTime,
        Instant loggedInAt) {
}
