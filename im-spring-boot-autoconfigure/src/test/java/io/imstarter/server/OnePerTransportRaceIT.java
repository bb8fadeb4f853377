package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one-per-transport registry under races: logins of one user on every transport at once, two on the same
 * transport, kicks racing logouts; and a session added beside another is registered before its 50.
 */
class OnePerTransportRaceIT {

    private static final int USERS = 10;

    private static final int REPETITIONS = 50;

    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension()
            .configure(config -> config.getSession().setDuplicateLogin(DuplicateLoginPolicy.ONE_PER_TRANSPORT));

    private static final ExecutorService racers = Executors.newFixedThreadPool(8);

    @AfterAll
    static void stopRacers() {
        racers.shutdownNow();
    }

    private static <T> List<T> race(List<Supplier<T>> tasks) {
        List<CompletableFuture<T>> running = tasks.stream()
                .map(task -> CompletableFuture.supplyAsync(task, racers)).toList();
        return running.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void racingLoginsKeepOneSessionPerTransportAndEverySessionEndsWithOneNotification() {
        List<String> users = new ArrayList<>();
        List<Supplier<RawClient>> logins = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String user = im.newUserId("racer");
            users.add(user);
            logins.add(() -> im.loggedIn(Transport.TCP, user));
            logins.add(() -> im.loggedIn(Transport.TCP, user));
            logins.add(() -> im.loggedIn(Transport.UDP, user));
            logins.add(() -> im.loggedIn(Transport.WEBSOCKET, user));
        }

        List<RawClient> clients = race(logins);

        for (int i = 0; i < USERS; i++) {
            String user = users.get(i);
            List<RawClient> tcp = clients.subList(4 * i, 4 * i + 2);
            await().atMost(RawClient.TIMEOUT).until(() -> im.listener().kicked(user).size() == 1);
            assertThat(im.listener().kicked(user).get(0).reason()).isEqualTo(KickReason.DUPLICATE_LOGIN);
            assertThat(tcp).filteredOn(client -> !client.inbox().matching(Expect.type(PacketType.KICKOUT)).isEmpty())
                    .hasSize(1);
            assertThat(im.server().sessions(user)).extracting(SessionInfo::transport)
                    .containsExactlyInAnyOrder(Transport.values());
            assertThat(im.listener().loggedIn(user)).hasSize(4);
        }
        List<Supplier<Boolean>> endings = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String user = users.get(i);
            endings.add(() -> im.server().kick(user, "race"));
            for (RawClient client : clients.subList(4 * i, 4 * i + 4)) {
                if (client.inbox().matching(Expect.type(PacketType.KICKOUT)).isEmpty()) {
                    endings.add(() -> logOut(client, user));
                }
            }
        }
        race(endings);
        await().during(QUIET).atMost(RawClient.TIMEOUT)
                .until(() -> users.stream().allMatch(user -> im.listener().sessionEnds(user) == 4));
        assertThat(users).allSatisfy(user -> assertThat(im.server().sessions(user)).isEmpty());
        assertThat(im.server().onlineUsers()).doesNotContainAnyElementsOf(users);
    }

    /** Sends a logout; false when the racing kick closed the connection first, which the test allows. */
    private static boolean logOut(RawClient client, String user) {
        try {
            client.send(Wire.logout(user));
            return true;
        }
        catch (IllegalStateException | UncheckedIOException closedByTheKick) {
            return false;
        }
    }

    @Test
    void aSessionAddedBesideAnotherIsRegisteredBeforeItsLoginAnswer() {
        String sender = im.newUserId("sender");
        RawClient senderClient = im.loggedIn(Transport.TCP, sender);
        // Clients stay open until the test ends: a closed UDP socket's port may go to the next client, which the
        // server would take for the same, still logged-in peer.
        for (int i = 0; i < REPETITIONS; i++) {
            String receiver = im.newUserId("receiver");
            RawClient first = im.loggedIn(Transport.UDP, receiver);
            RawClient added = im.connect(Transport.WEBSOCKET);
            assertThat(added.login(receiver, "tk", 0).code()).isZero();
            Packet message = Wire.data(sender, receiver, "right after the 50 " + i, false);
            senderClient.send(message);

            assertThat(added.awaitPacket(Expect.dataWithFp(message.fp())).dataContent())
                    .isEqualTo("right after the 50 " + i);
            first.awaitPacket(Expect.dataWithFp(message.fp()));
        }
    }
}
