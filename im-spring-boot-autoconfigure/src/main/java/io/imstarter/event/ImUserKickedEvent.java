package io.imstarter.event;

import io.imstarter.protocol.Transport;
import io.imstarter.server.KickReason;
import java.net.InetSocketAddress;

/**
 * A session was kicked; for {@code STALE_LOGIN} and {@code REJECTED_DUPLICATE} it is the newcomer, which never
 * registered.
 *
 * @param userId the user id
 * @param transport the transport of the session's connection
 * @param remoteAddress the peer's address
 * @param reason why the session was kicked
 */
public record ImUserKickedEvent(String userId, Transport transport, InetSocketAddress remoteAddress,
        KickReason reason) implements ImEvent {
}
