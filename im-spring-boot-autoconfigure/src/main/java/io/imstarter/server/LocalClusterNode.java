package io.imstarter.server;

import io.imstarter.protocol.Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link ClusterNode} over this server's registry, routing and login components. */
final class LocalClusterNode implements ClusterNode {

    private final SessionRegistry registry;
    private final C2cRouter c2c;
    private final S2cSender s2c;
    private final LoginProcessor logins;
    private final OfflineReplay replay;

    LocalClusterNode(SessionRegistry registry, C2cRouter c2c, S2cSender s2c, LoginProcessor logins,
            OfflineReplay replay) {
        this.registry = registry;
        this.replay = replay;
        this.c2c = c2c;
        this.s2c = s2c;
        this.logins = logins;
    }

    /**
     * The sender's node already stamped and counted the message and keeps its QoS state; this is the last hop. A
     * live copy that arrives after the receiver's replay sent the stored copy (its routing was late, and the store
     * had it meanwhile) is not written again.
     */
    @Override
    public boolean deliver(Packet message) {
        if (replay.replayed(message)) {
            return true;
        }
        List<Connection> targets = registry.connections(message.to());
        for (Connection target : targets) {
            target.write(message);
        }
        if (!targets.isEmpty()) {
            replay.deliveredLive(message);
        }
        return !targets.isEmpty();
    }

    @Override
    public void acknowledge(Packet ack) {
        c2c.acknowledge(ack);
    }

    @Override
    public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos, String fp) {
        return s2c.send(toUserId, content, typeu, qos, fp);
    }

    @Override
    public boolean kick(String userId, String reason) {
        return logins.kick(userId, reason);
    }

    @Override
    public boolean displace(String userId, long firstLoginTime, KickReason reason) {
        for (Connection connection : registry.connections(userId)) {
            if (connection.session().firstLoginTime() == firstLoginTime && registry.remove(userId, connection)) {
                logins.displaced(connection, reason);
                return true;
            }
        }
        return false;
    }

    @Override
    public void storedFor(String userId) {
        replay.storedFor(userId);
    }

    @Override
    public List<SessionInfo> sessions() {
        List<SessionInfo> sessions = new ArrayList<>();
        for (Connection connection : registry.connections()) {
            sessions.add(connection.session());
        }
        return sessions;
    }
}
