package io.imstarter.server;

import static io.imstarter.server.OnePerTransportFixture.loggedIn;
import static io.imstarter.server.OnePerTransportFixture.logOutAll;
import static io.imstarter.server.OnePerTransportFixture.sendFromNewUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.server.OnePerTransportFixture.Sent;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RecordingListener.Kick;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one-per-transport duplicate-login policy: a user on TCP, UDP and WebSocket at once gets every message on each,
 * its sender one ACK, in both C2C ACK modes; a second login on one transport displaces only that transport's session
 * (in the default receiver mode).
 */
class OnePerTransportIT {

    /** Longer than one re-send of {@link ImServerExtension#fastQos}, so a second copy or ACK would show. */
    private static final Duration QUIET = Duration.ofMillis(800);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension()
            .configure(config -> config.getSession().setDuplicateLogin(DuplicateLoginPolicy.ONE_PER_TRANSPORT));

    @RegisterExtension
    static final ImServerExtension serverMode = new ImServerExtension().configure(config -> {
        config.getSession().setDuplicateLogin(DuplicateLoginPolicy.ONE_PER_TRANSPORT);
        config.getQos().setC2cAckMode(C2cAckMode.SERVER);
    });

    private static ImServerExtension server(C2cAckMode mode) {
        return mode == C2cAckMode.SERVER ? serverMode : im;
    }

    @ParameterizedTest(name = "{0} mode")
    @EnumSource(C2cAckMode.class)
    void everySessionGetsTheMessageOnceAndTheSenderOneAck(C2cAckMode mode) {
        ImServerExtension server = server(mode);
        String bob = server.newUserId("bob");
        Map<Transport, RawClient> sessions = loggedIn(server, bob, Transport.values());

        Sent sent = sendFromNewUser(server, Transport.TCP, bob, "to every device", true);

        String fp = sent.message().fp();
        // In server mode the ACK comes once the message is written, before any session ACKs.
        Packet pseudoAck = mode == C2cAckMode.SERVER ? sent.sender().awaitPacket(Expect.ackOf(fp)) : null;
        sessions.forEach((transport, session) -> {
            Packet received = session.awaitPacket(Expect.dataWithFp(fp));
            assertThat(received.dataContent()).as("on %s", transport).isEqualTo("to every device");
            session.send(Wire.ack(bob, sent.from(), fp));
        });
        Packet ack = pseudoAck != null ? pseudoAck : sent.sender().awaitPacket(Expect.ackOf(fp));
        assertThat(ack).isEqualTo(Wire.ack(bob, sent.from(), fp));
        await().atMost(RawClient.TIMEOUT).until(() -> server.listener().delivered(fp).size() == 1);
        sent.sender().assertNothingMore(Expect.ackOf(fp), QUIET);
        sessions.forEach((transport, session) -> assertThat(session.inbox().matching(Expect.dataWithFp(fp)))
                .as("copies on %s", transport).hasSize(1));
        assertThat(server.listener().delivered(fp)).hasSize(1);
        assertThat(server.offline().calls(fp)).isEmpty();
    }

    @Test
    void oneSessionsAckIsEnoughWhileAnotherNeverAcks() {
        String bob = im.newUserId("bob");
        Map<Transport, RawClient> sessions = loggedIn(im, bob, Transport.TCP, Transport.WEBSOCKET);

        Sent sent = sendFromNewUser(im, Transport.UDP, bob, "one is enough", true);

        String fp = sent.message().fp();
        sessions.get(Transport.TCP).awaitPacket(Expect.dataWithFp(fp));
        sessions.get(Transport.WEBSOCKET).awaitPacket(Expect.dataWithFp(fp));
        sessions.get(Transport.WEBSOCKET).send(Wire.ack(bob, sent.from(), fp));
        sent.sender().awaitPacket(Expect.ackOf(fp));
        sent.sender().assertNothingMore(Expect.ackOf(fp), QUIET);
        assertThat(sessions.get(Transport.TCP).inbox().matching(Expect.dataWithFp(fp))).hasSize(1);
        assertThat(im.offline().calls(fp)).isEmpty();
    }

    @ParameterizedTest(name = "a second login on {0} kicks only the older session on {0}")
    @EnumSource(Transport.class)
    void secondLoginOnATransportKicksOnlyThatTransportsOlderSession(Transport transport) {
        String bob = im.newUserId("bob");
        Transport other = transport == Transport.WEBSOCKET ? Transport.TCP : Transport.WEBSOCKET;
        RawClient older = im.loggedIn(transport, bob);
        RawClient beside = im.loggedIn(other, bob);
        RawClient newer = im.connect(transport);

        assertThat(newer.login(bob, "tk", 0).code()).isZero();

        Packet kick = older.awaitPacket(Expect.type(PacketType.KICKOUT));
        assertThat(Expect.payload(kick, KickoutInfo.class).code()).isEqualTo(KickoutInfo.DUPLICATE_LOGIN);
        older.awaitClosedByServer();
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().kicked(bob).size() == 1);
        String fp = sendFromNewUser(im, Transport.TCP, bob, "after the switch", false).message().fp();
        beside.awaitPacket(Expect.dataWithFp(fp));
        newer.awaitPacket(Expect.dataWithFp(fp));
        assertThat(older.received()).filteredOn(Expect.type(PacketType.KICKOUT)).hasSize(1);
        assertThat(older.received()).noneMatch(Expect.dataWithFp(fp));
        assertThat(beside.received()).noneMatch(Expect.type(PacketType.KICKOUT));
        assertThat(newer.received()).noneMatch(Expect.type(PacketType.KICKOUT));
        Kick only = im.listener().kicked(bob).get(0);
        assertThat(only.reason()).isEqualTo(KickReason.DUPLICATE_LOGIN);
        assertThat(only.session().transport()).isEqualTo(transport);
        assertThat(im.server().sessions(bob)).extracting(SessionInfo::transport).containsExactly(other, transport);
        assertThat(im.listener().loggedOut(bob)).isEmpty();
    }

    @Test
    void anOlderInstanceOnATransportTheUserHoldsIsTurnedAwayAndNothingElseChanges() {
        String bob = im.newUserId("bob");
        RawClient current = im.connect(Transport.TCP);
        long firstLoginTime = current.login(bob, "tk", 0).firstLoginTime();
        RawClient beside = im.loggedIn(Transport.UDP, bob);
        RawClient stale = im.connect(Transport.TCP);

        assertThat(stale.login(bob, "tk", firstLoginTime - 1).code()).isZero();

        stale.awaitPacket(Expect.type(PacketType.KICKOUT));
        stale.awaitClosedByServer();
        assertThat(current.keepAlive(bob).to()).isEqualTo(bob);
        assertThat(beside.keepAlive(bob).to()).isEqualTo(bob);
        assertThat(im.server().sessions(bob)).extracting(SessionInfo::transport)
                .containsExactly(Transport.TCP, Transport.UDP);
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().kicked(bob).size() == 1);
        assertThat(im.listener().kicked(bob).get(0).reason()).isEqualTo(KickReason.STALE_LOGIN);
    }

    @Test
    void kickEndsEverySessionOfTheUser() {
        String bob = im.newUserId("bob");
        Map<Transport, RawClient> sessions = loggedIn(im, bob, Transport.values());

        assertThat(im.server().kick(bob, "maintenance")).isTrue();

        sessions.forEach((transport, session) -> {
            Packet kick = session.awaitPacket(Expect.type(PacketType.KICKOUT));
            assertThat(Expect.payload(kick, KickoutInfo.class))
                    .isEqualTo(new KickoutInfo(KickoutInfo.KICKED_BY_APPLICATION, "maintenance"));
            session.awaitClosedByServer();
        });
        assertThat(im.server().sessions(bob)).isEmpty();
        assertThat(im.server().onlineUsers()).doesNotContain(bob);
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().kicked(bob).size() == 3);
        assertThat(im.listener().kicked(bob)).extracting(Kick::reason).containsOnly(KickReason.ADMIN);
        assertThat(im.listener().kicked(bob)).extracting(kick -> kick.session().transport())
                .containsExactlyInAnyOrder(Transport.values());
        await().during(QUIET).atMost(RawClient.TIMEOUT).until(() -> im.listener().sessionEnds(bob) == 3);
    }

    @Test
    void logoutOfOneSessionLeavesTheOtherReceiving() {
        String bob = im.newUserId("bob");
        RawClient leaving = im.loggedIn(Transport.TCP, bob);
        RawClient staying = im.loggedIn(Transport.WEBSOCKET, bob);

        leaving.send(Wire.logout(bob));

        leaving.awaitClosedByServer();
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().loggedOut(bob).size() == 1);
        assertThat(im.listener().loggedOut(bob).get(0).session().transport()).isEqualTo(Transport.TCP);
        assertThat(im.server().sessions(bob)).extracting(SessionInfo::transport).containsExactly(Transport.WEBSOCKET);
        Sent sent = sendFromNewUser(im, Transport.TCP, bob, "still here", true);
        staying.awaitPacket(Expect.dataWithFp(sent.message().fp()));
        staying.send(Wire.ack(bob, sent.from(), sent.message().fp()));
        sent.sender().awaitPacket(Expect.ackOf(sent.message().fp()));
        assertThat(im.listener().kicked(bob)).isEmpty();
    }

    @ParameterizedTest(name = "{0} mode")
    @EnumSource(C2cAckMode.class)
    void messageToAUserWhoseSessionsAllEndedIsHandedOffAndPseudoAcked(C2cAckMode mode) {
        ImServerExtension server = server(mode);
        String bob = server.newUserId("bob");
        logOutAll(server, bob, loggedIn(server, bob, Transport.TCP, Transport.WEBSOCKET).values());
        await().atMost(RawClient.TIMEOUT).until(() -> server.listener().loggedOut(bob).size() == 2);
        server.offline().accept(true);

        Sent sent = sendFromNewUser(server, Transport.TCP, bob, "for later", true);

        sent.sender().awaitPacket(Expect.ackOf(sent.message().fp()));
        assertThat(server.offline().calls(sent.message().fp())).hasSize(1);
        sent.sender().assertNothingMore(Expect.ackOf(sent.message().fp()), QUIET);
    }

    @Test
    void serverMessageGoesToEverySessionAndCompletesOnTheFirstAck() throws Exception {
        String bob = im.newUserId("bob");
        RawClient tcp = im.loggedIn(Transport.TCP, bob);
        RawClient udp = im.loggedIn(Transport.UDP, bob);

        CompletableFuture<String> acked = im.server().send(bob, "notice", 7, true);

        Packet first = tcp.awaitPacket(Expect.dataWithContent("notice"));
        udp.awaitPacket(Expect.dataWithFp(first.fp()));
        udp.send(Wire.ack(bob, "0", first.fp()));
        assertThat(acked.get(10, TimeUnit.SECONDS)).isEqualTo(first.fp());
        tcp.send(Wire.ack(bob, "0", first.fp()));
        await().during(QUIET).atMost(RawClient.TIMEOUT).until(() -> im.listener().s2cAcked(first.fp()).size() == 1);
        assertThat(tcp.inbox().matching(Expect.dataWithFp(first.fp()))).hasSize(1);
    }

    @Test
    void onlineListAndCountsShowEachSession() {
        String bob = im.newUserId("bob");
        loggedIn(im, bob, Transport.values());

        List<SessionInfo> sessions = im.server().sessions(bob);

        assertThat(sessions).extracting(SessionInfo::transport).containsExactly(Transport.values());
        assertThat(sessions).extracting(SessionInfo::userId).containsOnly(bob);
        assertThat(im.server().session(bob)).contains(sessions.get(0));
        assertThat(im.server().onlineUsers()).contains(bob);
        assertThat(im.server().sessionCounts()).allSatisfy((transport, count) -> assertThat(count).isPositive());
        assertThat(im.listener().loggedIn(bob)).hasSize(3);
    }
}
