package io.imstarter.server;

import io.imstarter.protocol.Packet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * SPI for running several servers as one (wire protocol section 11): how this node reaches the users that other
 * nodes hold. The server consults it only for users it does not hold itself, so {@link #SINGLE_NODE}, the default,
 * leaves a single server exactly as it was. Called off the event loops; implementations must not throw.
 */
public interface ClusterRouting {

    /** No other nodes: nobody is online elsewhere, every claim succeeds. */
    ClusterRouting SINGLE_NODE = new SingleNode();

    /** Joins the cluster when the server starts; {@code node} takes the traffic other nodes route here. */
    void start(ClusterNode node);

    /** Leaves the cluster when the server stops, after its sessions have closed. */
    void stop();

    /**
     * Claims the user for a verified login before it is registered here, applying the duplicate-login rules of
     * section 6.3 against a session on another node; a displaced older session there is ended by its node.
     *
     * @return completes with false when another node holds a newer session of the user, so the newcomer is stale;
     *         never fails, and may complete on a thread of the implementation's network client
     */
    CompletableFuture<Boolean> claim(SessionInfo newcomer, long sentFirstLoginTime);

    /**
     * A session claimed with {@link #claim} is now registered here (also after a re-login); called on the login's
     * thread right after the registration, before any listener hears of it.
     */
    void registered(SessionInfo session);

    /**
     * The offline hand-off stored a message for a user not held here: its node, if another node holds it, is told
     * (now, or once it can be reached again) so that the user gets it while online rather than at its next login.
     */
    default void stored(String userId) {
    }

    /** A session registered here ended (logout, idle timeout, connection loss or a kick by the application). */
    void release(SessionInfo session);

    /**
     * Writes a C2C message (type 2) or a receiver's ACK (type 4) to the node that holds {@code userId}; completes
     * when that node took it, and fails when no other node holds the user.
     */
    CompletableFuture<Void> forward(String userId, Packet packet);

    /** {@link ImServer#send(String, String, int, boolean, String)} for a user another node holds. */
    CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos, String fp);

    /** {@link ImServer#kick(String, String)} for a user another node holds; false when none does. */
    boolean kick(String userId, String reason);

    /** This node's id in the cluster; empty for a single server. */
    Optional<String> nodeId();

    /**
     * The users online on every node, each with its node, read from the cluster's shared presence: at most
     * {@code limit} of them, in no particular order. Completes off the event loops and the Redis client's threads;
     * fails when the shared presence cannot be read. A single server has no shared presence: an empty list.
     */
    CompletableFuture<List<ClusterPresence>> onlineUsers(int limit);
}
