package io.imstarter.server;

import static io.imstarter.server.OnePerTransportFixture.loggedIn;
import static io.imstarter.server.OnePerTransportFixture.logOutAll;
import static io.imstarter.server.OnePerTransportFixture.sendFromNewUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.server.OnePerTransportFixture.Sent;
import io.imstarter.store.MessageStore;
import io.imstarter.store.jdbc.JdbcMessageStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Store and forward (on H2) under the one-per-transport policy: a message is stored only when none of its
 * receiver's sessions is online, and replayed to the session that logs in next.
 */
class OnePerTransportStoreIT {

    private static final Duration QUIET = Duration.ofSeconds(1);

    private static final DataSource DATABASE = TestDatabases.h2Memory();

    private final MessageStore store;

    @RegisterExtension
    final ImServerExtension im;

    OnePerTransportStoreIT() {
        TestDatabases.createTables(DATABASE, "h2");
        this.store = new JdbcMessageStore(DATABASE, 100, Clock.systemUTC());
        this.im = new ImServerExtension().messageStore(store, ReplaySettings.DEFAULTS)
                .configure(config -> config.getSession().setDuplicateLogin(DuplicateLoginPolicy.ONE_PER_TRANSPORT));
    }

    @Test
    void messagesStoredWhileEverySessionWasGoneAreReplayedToTheSessionThatLogsIn() {
        String bob = im.newUserId("bob");
        logOutAll(im, bob, loggedIn(im, bob, Transport.TCP, Transport.UDP).values());
        String alice = im.newUserId("alice");
        RawClient sender = im.loggedIn(Transport.TCP, alice);
        List<Packet> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Packet message = Wire.data(alice, bob, "stored " + i, true);
            sent.add(message);
            sender.send(message);
            sender.awaitPacket(Expect.ackOf(message.fp()));
        }
        assertThat(store.countUndelivered(bob)).isEqualTo(3);

        RawClient websocket = im.loggedIn(Transport.WEBSOCKET, bob);
        List<String> replayed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Packet message = websocket.awaitPacket(Expect.type(PacketType.DATA));
            replayed.add(message.fp());
            websocket.send(Wire.ack(bob, alice, message.fp()));
        }

        assertThat(replayed).containsExactlyElementsOf(sent.stream().map(Packet::fp).toList());
        await().atMost(RawClient.TIMEOUT).until(() -> store.countUndelivered(bob) == 0);
        RawClient tcpAgain = im.loggedIn(Transport.TCP, bob);
        tcpAgain.assertNothingMore(Expect.type(PacketType.DATA), QUIET);
        assertThat(websocket.inbox().matching(Expect.type(PacketType.DATA))).hasSize(3);
    }

    @Test
    void aMessageToAUserWithOneSessionLeftIsDeliveredLiveNotStored() {
        String bob = im.newUserId("bob");
        RawClient leaving = im.loggedIn(Transport.TCP, bob);
        RawClient staying = im.loggedIn(Transport.WEBSOCKET, bob);
        leaving.send(Wire.logout(bob));
        await().atMost(RawClient.TIMEOUT).until(() -> im.server().sessions(bob).size() == 1);

        Sent live = sendFromNewUser(im, Transport.UDP, bob, "live", true);

        staying.awaitPacket(Expect.dataWithFp(live.message().fp()));
        staying.send(Wire.ack(bob, live.from(), live.message().fp()));
        live.sender().awaitPacket(Expect.ackOf(live.message().fp()));
        assertThat(store.countUndelivered(bob)).isZero();
    }
}
