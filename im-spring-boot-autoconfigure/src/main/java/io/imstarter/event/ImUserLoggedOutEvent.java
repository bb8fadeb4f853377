package io.imstarter.event;

import io.imstarter.protocol.Transport;
import io.imstarter.server.LogoutReason;
import java.net.InetSocketAddress;

/**
 * A registered session ended by logout, idle timeout or connection loss.
 *
 * @param userId the user id
 * @param transport the transport of the session's connection
 * @param remoteAddress the peer's address
 * @param reason why the session ended
 */
public record ImUserLoggedOutEvent(String userId, Transport transport, InetSocketAddress remoteAddress,
        LogoutReason reason) implements ImEvent {
}
