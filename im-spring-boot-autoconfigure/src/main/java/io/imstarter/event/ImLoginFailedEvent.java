package io.imstarter.event;

import io.imstarter.protocol.Transport;
import java.net.InetSocketAddress;

/**
 * The login verifier refused a login, failed or timed out.
 *
 * @param userId the user id that asked to log in
 * @param transport the transport the login came in on
 * @param remoteAddress the peer's address
 * @param code the refusal code sent to the client (2 when the verifier failed or timed out)
 */
public record ImLoginFailedEvent(String userId, Transport transport, InetSocketAddress remoteAddress, int code)
        implements ImEvent {
}
