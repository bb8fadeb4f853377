package io.imstarter.server;

import io.imstarter.protocol.Packet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link ClusterRouting#SINGLE_NODE}: a server on its own. */
final class SingleNode implements ClusterRouting {

    @Override
    public void start(ClusterNode node) {
    }

    @Override
    public void stop() {
    }

    @Override
    public CompletableFuture<Boolean> claim(SessionInfo newcomer, long sentFirstLoginTime) {
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public void registered(SessionInfo session) {
    }

    @Override
    public void release(SessionInfo session) {
    }

    @Override
    public CompletableFuture<Void> forward(String userId, Packet packet) {
        return CompletableFuture.failedFuture(new IllegalStateException("User " + userId + " is not online"));
    }

    @Override
    public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos, String fp) {
        return CompletableFuture.failedFuture(new S2CSendException(S2CSendException.Reason.OFFLINE, fp,
                "User " + toUserId + " is not online"));
    }

    @Override
    public boolean kick(String userId, String reason) {
        return false;
    }

    @Override
    public Optional<String> nodeId() {
        return Optional.empty();
    }

    @Override
    public CompletableFuture<List<ClusterPresence>> onlineUsers(int limit) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public String toString() {
        return "single node";
    }
}
