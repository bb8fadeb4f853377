package io.imstarter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ClusterNode;
import io.imstarter.server.KickReason;
import io.imstarter.server.SessionInfo;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A displacement that arrives before its session registers still ends that session, exactly once. */
class MissedDisplacementsTest {

    private final Sessions node = new Sessions();
    private final MissedDisplacements displacements = new MissedDisplacements(Duration.ofMinutes(1));

    @Test
    void aSessionRegisteredAlreadyIsEndedAtOnce() {
        SessionInfo bob = node.register("bob", 100);

        displacements.displace(node, "bob", 100, KickReason.DUPLICATE_LOGIN);

        assertThat(node.ended).containsExactly("bob DUPLICATE_LOGIN");
        assertThat(displacements.size()).isZero();
        displacements.registered(node, bob);
        assertThat(node.ended).hasSize(1);
    }

    @Test
    void aSessionThatRegistersAfterItsDisplacementIsEndedWhenItRegisters() {
        displacements.displace(node, "bob", 100, KickReason.REPLACED);
        assertThat(node.ended).isEmpty();

        displacements.registered(node, node.register("bob", 100));

        assertThat(node.ended).containsExactly("bob REPLACED");
        assertThat(displacements.size()).isZero();
    }

    @Test
    void aNewerSessionOfTheSameUserIsLeftAlone() {
        displacements.displace(node, "bob", 100, KickReason.DUPLICATE_LOGIN);

        displacements.registered(node, node.register("bob", 200));

        assertThat(node.ended).isEmpty();
    }

    @Test
    void anExpiredDisplacementIsForgotten() {
        MissedDisplacements shortLived = new MissedDisplacements(Duration.ZERO);
        shortLived.displace(node, "bob", 100, KickReason.DUPLICATE_LOGIN);

        shortLived.expire();
        shortLived.registered(node, node.register("bob", 100));

        assertThat(shortLived.size()).isZero();
        assertThat(node.ended).isEmpty();
    }

    /** A node's registry reduced to what displacement needs. */
    private static final class Sessions implements ClusterNode {

        final Map<String, SessionInfo> registered = new ConcurrentHashMap<>();
        final List<String> ended = new ArrayList<>();

        SessionInfo register(String userId, long firstLoginTime) {
            SessionInfo session = new SessionInfo(userId, Transport.TCP, new InetSocketAddress("127.0.0.1", 1),
                    firstLoginTime, Instant.now());
            registered.put(userId, session);
            return session;
        }

        @Override
        public boolean displace(String userId, long firstLoginTime, KickReason reason) {
            SessionInfo session = registered.get(userId);
            if (session == null || session.firstLoginTime() != firstLoginTime
                    || !registered.remove(userId, session)) {
                return false;
            }
            ended.add(userId + " " + reason);
            return true;
        }

        @Override
        public List<SessionInfo> sessions() {
            return List.copyOf(registered.values());
        }

        @Override
        public boolean deliver(Packet message) {
            return false;
        }

        @Override
        public void acknowledge(Packet ack) {
        }

        @Override
        public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos, String fp) {
            return CompletableFuture.failedFuture(new IllegalStateException("not used"));
        }

        @Override
        public boolean kick(String userId, String reason) {
            return false;
        }

        @Override
        public void storedFor(String userId) {
        }
    }
}
