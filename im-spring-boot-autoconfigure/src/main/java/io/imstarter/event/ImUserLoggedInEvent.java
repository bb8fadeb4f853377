package io.imstarter.event;

import io.imstarter.protocol.Transport;
import java.net.InetSocketAddress;

/**
 * A login was accepted and the session registered (also a re-login on the same connection).
 *
 * @param userId the user id
 * @param transport the transport of the session's connection
 * @param remoteAddress the peer's address
 * @param firstLoginTime the firstLoginTime stored for the session
 */
public record ImUserLoggedInEvent(String userId, Transport transport, InetSocketAddress remoteAddress,
        long firstLoginTime) implements ImEvent {
}
