package io.imstarter.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.imstarter.cluster.redis.ClusterNodes.Node;
import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.server.C2cAckMode;
import io.imstarter.server.ClusterPresence;
import io.imstarter.server.KickReason;
import io.imstarter.server.S2CSendException;
import io.imstarter.server.SessionInfo;
import io.imstarter.store.MessageStore;
import io.imstarter.store.jdbc.JdbcMessageStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RecordingListener;
import io.imstarter.testsupport.Wire;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11: two or three real nodes on one real Redis act as one server, with the rules of wire protocol sections
 * 6.3, 9.5, 9.6 and 10 unchanged for clients.
 */
class RedisClusterIT {

    private static final Duration QUIET = Duration.ofMillis(500);

    /** The one database every node's message store uses, as nodes share one store in production. */
    private static final DataSource SHARED_DATABASE = TestDatabases.h2Memory();

    @BeforeAll
    static void createStoreTables() {
        TestDatabases.createTables(SHARED_DATABASE, "h2");
    }

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();

    @ParameterizedTest(name = "QoS C2C both ways between {0} on node A and {1} on node B, ACKed end to end")
    @CsvSource({ "TCP, WEBSOCKET", "UDP, TCP", "WEBSOCKET, UDP" })
    void qosMessagesCrossNodesBothWaysWithEndToEndAcks(Transport onA, Transport onB) {
        ClusterNodes.Pair pair = cluster.pair(onA, onB);

        exchange(pair.a(), pair.aliceClient(), pair.alice(), pair.bobClient(), pair.bob());
        exchange(pair.b(), pair.bobClient(), pair.bob(), pair.aliceClient(), pair.alice());

        assertThat(cluster.offline().callsFor(pair.alice())).isEmpty();
        assertThat(cluster.offline().callsFor(pair.bob())).isEmpty();
    }

    /** The sender's ACK is the receiver's own, back from the other node; Delivered is reported once, by the sender's. */
    private void exchange(Node senderNode, RawClient sender, String senderId, RawClient receiver, String receiverId) {
        Packet message = Wire.data(senderId, receiverId, "across nodes", true);
        sender.send(message);

        Packet received = receiver.awaitPacket(Expect.dataWithFp(message.fp()));
        sender.assertNothingMore(Expect.ackOf(message.fp()), Duration.ofMillis(200));
        receiver.send(Wire.ack(receiverId, senderId, message.fp()));

        assertThat(received).isEqualTo(message);
        assertThat(sender.awaitPacket(Expect.ackOf(message.fp())))
                .isEqualTo(Wire.ack(receiverId, senderId, message.fp()));
        await().atMost(RawClient.TIMEOUT).until(() -> senderNode.listener().delivered(message.fp()).size() == 1);
        receiver.assertNothingMore(Expect.dataWithFp(message.fp()), QUIET);
        sender.assertNothingMore(Expect.ackOf(message.fp()), Duration.ZERO);
    }

    @Test
    void serverModeAcksTheSenderOnceTheOtherNodeWroteAndEndsTheLegOnTheReceiversAck() {
        cluster.ackMode(C2cAckMode.SERVER);
        ClusterNodes.Pair pair = cluster.pair(Transport.TCP, Transport.TCP);
        Packet message = Wire.data(pair.alice(), pair.bob(), "server mode", true);

        pair.aliceClient().send(message);

        pair.aliceClient().awaitPacket(Expect.ackOf(message.fp()));
        pair.bobClient().awaitPacket(Expect.dataWithFp(message.fp()));
        pair.bobClient().send(Wire.ack(pair.bob(), pair.alice(), message.fp()));
        await().atMost(RawClient.TIMEOUT).until(() -> pair.a().listener().delivered(message.fp()).size() == 1);
        pair.bobClient().assertNothingMore(Expect.dataWithFp(message.fp()), Duration.ofSeconds(1));
        pair.aliceClient().assertNothingMore(Expect.ackOf(message.fp()), Duration.ZERO);
    }

    @Test
    void serverPushFromOneNodeReachesAUserOnAnotherAndReportsTheAck() throws Exception {
        Node a = cluster.start("a");
        Node b = cluster.start("b");
        String bob = cluster.newUserId("bob");
        RawClient bobClient = b.loggedIn(Transport.WEBSOCKET, bob);

        CompletableFuture<String> acked = a.server().send(bob, "from node a", 7, true, "push-1");

        Packet push = bobClient.awaitPacket(Expect.dataWithFp("push-1"));
        assertThat(push.from()).isEqualTo(UserIds.SERVER);
        assertThat(push.dataContent()).isEqualTo("from node a");
        assertThat(push.typeu()).isEqualTo(7);
        assertThat(acked).isNotDone();
        bobClient.send(Wire.ack(bob, UserIds.SERVER, "push-1"));
        assertThat(acked.get(RawClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("push-1");
        await().atMost(RawClient.TIMEOUT).until(() -> b.listener().s2cAcked("push-1").size() == 1);
    }

    @Test
    void serverPushToAUserOnlineNowhereFailsAsOffline() {
        Node a = cluster.start("a");
        cluster.start("b");

        CompletableFuture<String> sent = a.server().send(cluster.newUserId("nobody"), "x", 0, true, null);

        assertThatThrownBy(() -> sent.get(RawClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(S2CSendException.class,
                        failure -> assertThat(failure.reason()).isEqualTo(S2CSendException.Reason.OFFLINE));
    }

    @Test
    void kickFromOneNodeEndsTheSessionOnAnotherAndReleasesItsPresence() {
        Node a = cluster.start("a");
        Node b = cluster.start("b");
        String bob = cluster.newUserId("bob");
        RawClient bobClient = b.loggedIn(Transport.TCP, bob);

        assertThat(a.server().kick(bob, "spam")).isTrue();

        KickoutInfo kick = Expect.payload(bobClient.awaitPacket(Expect.type(PacketType.KICKOUT)), KickoutInfo.class);
        assertThat(kick.code()).isEqualTo(KickoutInfo.KICKED_BY_APPLICATION);
        assertThat(kick.reason()).isEqualTo("spam");
        bobClient.awaitClosedByServer();
        await().atMost(RawClient.TIMEOUT).until(() -> b.listener().kicked(bob).size() == 1);
        assertThat(b.listener().kicked(bob).get(0).reason()).isEqualTo(KickReason.ADMIN);
        assertThat(b.listener().loggedOut(bob)).isEmpty();
        await().atMost(RawClient.TIMEOUT).until(() -> !a.server().kick(bob, "again"));
    }

    @Test
    void newerLoginOnAnotherNodeKicksTheOlderSessionOnceAndTakesItsMessages() {
        Node a = cluster.start("a");
        Node b = cluster.start("b");
        String bob = cluster.newUserId("bob");
        String alice = cluster.newUserId("alice");
        RawClient old = a.loggedIn(Transport.TCP, bob);
        RawClient aliceClient = a.loggedIn(Transport.UDP, alice);

        RawClient newer = b.loggedIn(Transport.WEBSOCKET, bob);

        KickoutInfo kick = Expect.payload(old.awaitPacket(Expect.type(PacketType.KICKOUT)), KickoutInfo.class);
        assertThat(kick.code()).isEqualTo(KickoutInfo.DUPLICATE_LOGIN);
        old.awaitClosedByServer();
        await().atMost(RawClient.TIMEOUT).until(() -> a.server().session(bob).isEmpty());
        assertThat(a.listener().kicked(bob)).extracting(RecordingListener.Kick::reason)
                .containsExactly(KickReason.DUPLICATE_LOGIN);
        assertThat(b.listener().kicked(bob)).isEmpty();
        assertThat(a.listener().loggedOut(bob)).isEmpty();
        assertThat(b.server().session(bob)).isPresent();

        Packet message = Wire.data(alice, bob, "to the newer session", true);
        aliceClient.send(message);
        newer.awaitPacket(Expect.dataWithFp(message.fp()));
    }

    @Test
    void staleClientOnAnotherNodeIsAnsweredThenKickedAndTheNewerSessionStays() {
        Node a = cluster.start("a");
        Node b = cluster.start("b");
        String bob = cluster.newUserId("bob");
        RawClient current = a.connect(Transport.TCP);
        long firstLoginTime = a.login(current, bob, 0).firstLoginTime();

        RawClient stale = b.connect(Transport.TCP);
        LoginResponse answer = b.login(stale, bob, firstLoginTime - 1);

        assertThat(answer.code()).isZero();
        KickoutInfo kick = Expect.payload(stale.awaitPacket(Expect.type(PacketType.KICKOUT)), KickoutInfo.class);
        assertThat(kick.code()).isEqualTo(KickoutInfo.DUPLICATE_LOGIN);
        stale.awaitClosedByServer();
        await().atMost(RawClient.TIMEOUT).until(() -> b.listener().kicked(bob).size() == 1);
        assertThat(b.listener().kicked(bob).get(0).reason()).isEqualTo(KickReason.STALE_LOGIN);
        assertThat(a.listener().kicked(bob)).isEmpty();
        current.assertNothingMore(Expect.type(PacketType.KICKOUT), QUIET);
        assertThat(a.server().session(bob)).isPresent();
    }

    @Test
    void sameClientReconnectingThroughAnotherNodeReplacesItsOldSessionSilently() {
        Node a = cluster.start("a");
        Node b = cluster.start("b");
        String bob = cluster.newUserId("bob");
        RawClient before = a.connect(Transport.TCP);
        long firstLoginTime = a.login(before, bob, 0).firstLoginTime();

        RawClient after = b.connect(Transport.UDP);
        assertThat(b.login(after, bob, firstLoginTime).code()).isZero();

        before.awaitClosedByServer();
        assertThat(before.received()).noneMatch(Expect.type(PacketType.KICKOUT));
        await().atMost(RawClient.TIMEOUT).until(() -> a.listener().kicked(bob).size() == 1);
        assertThat(a.listener().kicked(bob).get(0).reason()).isEqualTo(KickReason.REPLACED);
        assertThat(b.server().session(bob)).isPresent();
    }

    @Test
    void logoutReleasesPresenceSoOtherNodesSeeTheUserOffline() {
        Node a = cluster.start("a");
        Node b = cluster.start("b");
        String bob = cluster.newUserId("bob");
        RawClient bobClient = b.loggedIn(Transport.TCP, bob);

        bobClient.send(Wire.logout(bob));

        await().atMost(RawClient.TIMEOUT).until(() -> b.server().session(bob).isEmpty());
        await().atMost(RawClient.TIMEOUT).untilAsserted(() -> assertThatThrownBy(
                () -> a.server().send(bob, "x", 0, false, null).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(S2CSendException.class,
                        failure -> assertThat(failure.reason()).isEqualTo(S2CSendException.Reason.OFFLINE)));
    }

    @Test
    void everyNodeListsTheUsersOfAllNodesWithTheirNodeTransportAndFirstLoginTime() throws Exception {
        ClusterNodes.Pair pair = cluster.pair(Transport.TCP, Transport.WEBSOCKET);
        SessionInfo bobsSession = pair.b().server().session(pair.bob()).orElseThrow();

        for (Node node : List.of(pair.a(), pair.b())) {
            List<ClusterPresence> online = node.server().clusterOnlineUsers(100).get(5, TimeUnit.SECONDS);

            assertThat(online).extracting(ClusterPresence::userId, ClusterPresence::nodeId,
                    ClusterPresence::transport).containsExactlyInAnyOrder(
                            tuple(pair.alice(), "a", Transport.TCP), tuple(pair.bob(), "b", Transport.WEBSOCKET));
            assertThat(online).filteredOn(presence -> presence.userId().equals(pair.bob())).singleElement()
                    .satisfies(presence -> {
                        assertThat(presence.firstLoginTime()).isEqualTo(bobsSession.firstLoginTime());
                        // Stamped when node b claimed bob, a moment before it registered the session.
                        assertThat(presence.loggedInAt()).isCloseTo(bobsSession.loggedInAt(),
                                within(1, ChronoUnit.SECONDS));
                    });
        }
        assertThat(pair.a().server().nodeId()).contains("a");
    }

    @Test
    void clusterOnlineListStopsAtItsLimitAndDropsUsersWhoLeft() throws Exception {
        ClusterNodes.Pair pair = cluster.pair(Transport.TCP, Transport.UDP);
        String carol = cluster.newUserId("carol");
        pair.b().loggedIn(Transport.TCP, carol);

        assertThat(pair.a().server().clusterOnlineUsers(2).get(5, TimeUnit.SECONDS)).hasSize(2);
        assertThat(pair.a().server().clusterOnlineUsers(3).get(5, TimeUnit.SECONDS)).hasSize(3);

        pair.bobClient().send(Wire.logout(pair.bob()));

        await().atMost(RawClient.TIMEOUT).untilAsserted(() -> assertThat(pair.a().server()
                .clusterOnlineUsers(100).get(5, TimeUnit.SECONDS)).extracting(ClusterPresence::userId)
                .containsExactlyInAnyOrder(pair.alice(), carol));
    }

    @Test
    void clusterOnlineListCompletesOffTheEventLoops() throws Exception {
        ClusterNodes.Pair pair = cluster.pair(Transport.TCP, Transport.TCP);

        String thread = pair.a().server().clusterOnlineUsers(100)
                .thenApply(online -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);

        // The listing completes on the cluster's pool; a dependent added after completion runs on the caller.
        assertThat(thread).satisfiesAnyOf(name -> assertThat(name).startsWith("im-cluster-a-"),
                name -> assertThat(name).isEqualTo(Thread.currentThread().getName()));
    }

    @Test
    void messagesToAUserOfACrashedNodeAreStoredThenReplayedOnceWhenTheUserLogsInOnAnotherNode() {
        MessageStore store = new JdbcMessageStore(SHARED_DATABASE, 1_000, Clock.systemUTC());
        cluster.store(store);
        Node a = cluster.start("a");
        Node b = cluster.start("b");
        Node c = cluster.start("c");
        String alice = cluster.newUserId("alice");
        String bob = cluster.newUserId("bob");
        RawClient aliceClient = a.loggedIn(Transport.TCP, alice);
        b.loggedIn(Transport.TCP, bob);

        b.crash();
        Packet meanwhile = Wire.data(alice, bob, "while bob's node is gone", true);
        aliceClient.send(meanwhile);

        aliceClient.awaitPacket(Expect.ackOf(meanwhile.fp()));
        await().atMost(RawClient.TIMEOUT).until(() -> a.listener().storedOffline(meanwhile.fp()).size() == 1);
        assertThat(store.countUndelivered(bob)).isEqualTo(1);
        long crashedAt = System.nanoTime();
        await().atMost(ClusterNodes.PRESENCE_TTL.plus(RawClient.TIMEOUT)).untilAsserted(() -> assertThatThrownBy(
                () -> a.server().send(bob, "x", 0, false, null).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(S2CSendException.class,
                        failure -> assertThat(failure.reason()).isEqualTo(S2CSendException.Reason.OFFLINE)));
        assertThat(Duration.ofNanos(System.nanoTime() - crashedAt))
                .isLessThan(ClusterNodes.PRESENCE_TTL.plus(ClusterNodes.HEARTBEAT).plus(Duration.ofSeconds(2)));

        RawClient bobAgain = c.loggedIn(Transport.WEBSOCKET, bob);
        Packet replayed = bobAgain.awaitPacket(Expect.dataWithFp(meanwhile.fp()));
        assertThat(replayed.from()).isEqualTo(alice);
        bobAgain.send(Wire.ack(bob, alice, meanwhile.fp()));
        await().atMost(RawClient.TIMEOUT).until(() -> store.countUndelivered(bob) == 0);
        Packet later = Wire.data(alice, bob, "after the move", true);
        aliceClient.send(later);
        bobAgain.awaitPacket(Expect.dataWithFp(later.fp()));
        bobAgain.send(Wire.ack(bob, alice, later.fp()));
        aliceClient.awaitPacket(Expect.ackOf(later.fp()));
        bobAgain.assertNothingMore(Expect.dataWithFp(meanwhile.fp()), QUIET);
        assertThat(store.countUndelivered(bob)).isZero();
    }
}
