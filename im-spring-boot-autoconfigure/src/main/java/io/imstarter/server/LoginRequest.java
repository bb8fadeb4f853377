package io.imstarter.server;

import io.imstarter.protocol.Transport;
import java.net.InetSocketAddress;

/**
 * What a login verifier decides on.
 *
 * @param userId the user id asking to log in
 * @param token the credential the client sent, may be null
 * @param extra optional data the client sent, may be null
 * @param transport the transport the login came in on
 * @param remoteAddress the peer's address
 */
public record LoginRequest(String userId, String token, String extra, Transport transport,
        InetSocketAddress remoteAddress) {
}
