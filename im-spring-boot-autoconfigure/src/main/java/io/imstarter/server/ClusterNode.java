package io.imstarter.server;

import io.imstarter.protocol.Packet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The server's side of {@link ClusterRouting}: what other nodes ask of this one. Each method acts on local
 * sessions only and never routes onwards to another node's users except to pass a C2C ACK on, so traffic cannot
 * bounce between nodes. Thread-safe; must be called off the event loops.
 */
public interface ClusterNode {

    /** Writes a C2C message that another node routed here to its receiver; false when the receiver is not here. */
    boolean deliver(Packet message);

    /** Handles a receiver's ACK (type 4) that another node routed here for the original sender's QoS state. */
    void acknowledge(Packet ack);

    /** {@link ImServer#send(String, String, int, boolean, String)} to a local user. */
    CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos, String fp);

    /** {@link ImServer#kick(String, String)} of a local user. */
    boolean kick(String userId, String reason);

    /**
     * Ends the local session of a user that logged in on another node (section 6.3), only if it is still the one
     * stored with {@code firstLoginTime}: 54 and {@code Kicked(DUPLICATE_LOGIN)}, or a silent close and
     * {@code Kicked(REPLACED)} for the same client instance.
     *
     * @return false when no such session is here
     */
    boolean displace(String userId, long firstLoginTime, KickReason reason);

    /**
     * Another node stored messages for a user of this node because it could not reach it (Redis away, this node's
     * subscription lost, no ACK in time): the user's replay reads the store now, if the user is here.
     */
    void storedFor(String userId);

    /** The sessions registered here, for presence heartbeats. */
    List<SessionInfo> sessions();
}
