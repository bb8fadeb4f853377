package io.imstarter.event;

import io.imstarter.protocol.Transport;
import java.net.InetSocketAddress;

/**
 * A client sent the server a message (C2S) that passed the interceptor and de-duplication.
 *
 * @param userId the sender
 * @param transport the sender's transport
 * @param remoteAddress the sender's address
 * @param message the message
 */
public record ImC2SMessageReceivedEvent(String userId, Transport transport, InetSocketAddress remoteAddress,
        ImMessage message) implements ImEvent {
}
