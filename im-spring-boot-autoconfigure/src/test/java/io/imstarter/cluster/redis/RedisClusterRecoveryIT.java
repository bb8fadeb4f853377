package io.imstarter.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imstarter.cluster.redis.ClusterNodes.Node;
import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.server.KickReason;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Received;
import io.imstarter.testsupport.RecordingListener;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 11: races between nodes, and a Redis that goes away under load and comes back empty. */
class RedisClusterRecoveryIT {

    private static final int ROUNDS = 10;

    /**
     * How long the sender waits for each ACK before it sends the next message: while Redis is down none comes, so
     * the outage lasts 100 of these, longer than the command timeout, and routing does fail.
     */
    private static final Duration PACE = Duration.ofMillis(30);

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();

    @Test
    void simultaneousLoginsOnTwoNodesLeaveExactlyOneSessionAndExactlyOneKick() throws Exception {
        Node a = cluster.start("a");
        Node b = cluster.start("b");
        String alice = cluster.newUserId("alice");
        RawClient aliceClient = a.loggedIn(Transport.TCP, alice);
        for (int round = 0; round < ROUNDS; round++) {
            String bob = cluster.newUserId("bob");
            RawClient onA = a.connect(Transport.TCP);
            RawClient onB = b.connect(Transport.WEBSOCKET);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Integer> loginA = CompletableFuture.supplyAsync(() -> awaitThenLogin(go, a, onA, bob));
            CompletableFuture<Integer> loginB = CompletableFuture.supplyAsync(() -> awaitThenLogin(go, b, onB, bob));
            go.countDown();
            assertThat(loginA.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(loginB.get(10, TimeUnit.SECONDS)).isZero();

            await().atMost(RawClient.TIMEOUT).until(() -> kicks(a, bob) + kicks(b, bob) == 1);
            Node winner = a.server().session(bob).isPresent() ? a : b;
            RawClient winnerClient = winner == a ? onA : onB;
            RawClient loser = winner == a ? onB : onA;
            KickoutInfo kick = Expect.payload(loser.awaitPacket(Expect.type(PacketType.KICKOUT)), KickoutInfo.class);
            assertThat(kick.code()).isEqualTo(KickoutInfo.DUPLICATE_LOGIN);
            loser.awaitClosedByServer();
            assertThat((winner == a ? b : a).server().session(bob)).isEmpty();
            assertThat(winner.server().session(bob)).isPresent();
            assertThat(a.listener().loggedOut(bob)).isEmpty();
            assertThat(b.listener().loggedOut(bob)).isEmpty();
            assertThat(Stream.concat(a.listener().kicked(bob).stream(), b.listener().kicked(bob).stream()))
                    .extracting(RecordingListener.Kick::reason).containsExactly(KickReason.DUPLICATE_LOGIN);

            Packet message = Wire.data(alice, bob, "to the one session left", true);
            aliceClient.send(message);
            winnerClient.awaitPacket(Expect.dataWithFp(message.fp()));
            winnerClient.assertNothingMore(Expect.type(PacketType.KICKOUT), Duration.ofMillis(
                    2 * ClusterNodes.HEARTBEAT.toMillis()));
            assertThat(kicks(a, bob) + kicks(b, bob)).isEqualTo(1);
        }
    }

    private static int awaitThenLogin(CountDownLatch go, Node node, RawClient client, String userId) {
        try {
            go.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return node.login(client, userId, 0).code();
    }

    private static int kicks(Node node, String userId) {
        return node.listener().kicked(userId).size();
    }

    @Test
    void nodesRecoverByThemselvesWhenRedisRestartsUnderLoadAndNothingAckedIsLost() throws Exception {
        TestRedis redis = TestRedis.shared();
        assumeTrue(redis.restartable(), "restarting Redis needs the embedded redis-server, not "
                + TestRedis.URL_VARIABLE);
        ClusterNodes.Pair pair = cluster.pair(Transport.TCP, Transport.TCP);
        Node a = pair.a();
        String alice = pair.alice();
        String bob = pair.bob();
        RawClient aliceClient = pair.aliceClient();
        RawClient bobClient = pair.bobClient();
        cluster.offline().accept(true);
        Set<String> receivedByBob = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        CompletableFuture<Void> bobAcks = CompletableFuture.runAsync(() -> ackEverything(bobClient, bob,
                receivedByBob, running));

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            if (i == 100) {
                redis.stop();
            }
            if (i == 200) {
                redis.start();
            }
            Packet message = Wire.data(alice, bob, "load " + i, true);
            aliceClient.send(message);
            sent.add(message.fp());
            aliceClient.inbox().poll(Expect.ackOf(message.fp()), PACE);
        }

        Duration settle = ClusterNodes.RECEIVER_ACK_TIMEOUT.plus(RawClient.TIMEOUT);
        await().atMost(settle).until(() -> ackedAt(aliceClient).containsAll(sent));
        assertThat(sent).as("messages that took the offline path during the outage")
                .anyMatch(fp -> !cluster.offline().calls(fp).isEmpty());
        for (String fp : sent) {
            assertThat(receivedByBob.contains(fp) || !cluster.offline().calls(fp).isEmpty())
                    .as("ACKed message %s reached bob or the store", fp).isTrue();
        }

        await().atMost(RawClient.TIMEOUT).until(() -> a.server().send(bob, "probe", 0, true, null)
                .handle((fp, failure) -> failure == null).get(5, TimeUnit.SECONDS));
        Packet live = Wire.data(alice, bob, "after the restart", true);
        aliceClient.send(live);
        await().atMost(RawClient.TIMEOUT).until(() -> a.listener().delivered(live.fp()).size() == 1);
        assertThat(cluster.offline().calls(live.fp())).isEmpty();
        Packet back = Wire.data(bob, alice, "and back", true);
        running.set(false);
        bobAcks.get(5, TimeUnit.SECONDS);
        bobClient.send(back);
        aliceClient.awaitPacket(Expect.dataWithFp(back.fp()));
    }

    /** Bob's client: ACKs every message it gets, as a stock client does. */
    private static void ackEverything(RawClient client, String userId, Set<String> received, AtomicBoolean running) {
        while (running.get()) {
            Received next = client.inbox().poll(Expect.type(PacketType.DATA), Duration.ofMillis(50));
            if (next != null) {
                received.add(next.packet().fp());
                client.send(Wire.ack(userId, next.packet().from(), next.packet().fp()));
            }
        }
    }

    private static Set<String> ackedAt(RawClient client) {
        Set<String> acked = new HashSet<>();
        for (Packet packet : client.received()) {
            if (packet.type() == PacketType.ACK) {
                acked.add(packet.dataContent());
            }
        }
        return acked;
    }
}
