package io.imstarter.server;

import io.imstarter.protocol.Packet;

/**
 * Vetoes messages to a group before they are stored; a refused message gets 52/306 with the reason and is neither
 * stored nor ACKed. Membership is checked by the store after this, so the interceptor decides only what the
 * application's own rules add (muted members, content rules).
 *
 * <p>Called on the server's dispatch threads, never on a Netty event loop, in the sender's arrival order; keep it
 * quick.
 */
@FunctionalInterface
public interface GroupInterceptor {

    /** Lets every member's message through. */
    GroupInterceptor ALLOW_ALL = (groupId, message, sender) -> null;

    /**
     * @return null to let the message through, or the reason to refuse it, one sentence the sender is sent
     */
    String refusal(String groupId, Packet message, SessionInfo sender);
}
