package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.server.DuplicateLoginPolicy;
import io.imstarter.server.KickReason;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RecordingClientListener;
import io.imstarter.testsupport.RecordingListener;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The embedded client against a real server, over each transport. */
class ImClientServerIT {

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension();

    private final List<ImClient> clients = new CopyOnWriteArrayList<>();
    private final RecordingClientListener alice = new RecordingClientListener();
    private final RecordingClientListener bob = new RecordingClientListener();

    @AfterEach
    void closeClients() {
        clients.forEach(ImClient::close);
    }

    private ImClient loggedIn(Transport transport, String userId, RecordingClientListener listener) throws Exception {
        ImClient client = shared.client(im.clientConfig(transport));
        clients.add(client);
        client.addListener(listener);
        client.login(userId, "token-" + userId, null).get(10, TimeUnit.SECONDS);
        return client;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void logsInAndExchangesQosMessagesBothWays(Transport transport) throws Exception {
        ImClient a = loggedIn(transport, "alice", alice);
        ImClient b = loggedIn(transport, "bob", bob);
        assertThat(a.state()).isEqualTo(ClientState.LOGGED_IN);
        assertThat(a.firstLoginTime()).isPositive();
        assertThat(im.server().session("alice")).get().extracting(session -> session.transport()).isEqualTo(transport);

        String toBob = a.send("bob", "hello bob", 11).get(10, TimeUnit.SECONDS);
        String toAlice = b.send("alice", "hello alice", 12).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> bob.messages.size() == 1 && alice.messages.size() == 1);
        Packet atBob = bob.messages.peek();
        assertThat(atBob.fp()).isEqualTo(toBob);
        assertThat(atBob.from()).isEqualTo("alice");
        assertThat(atBob.dataContent()).isEqualTo("hello bob");
        assertThat(atBob.typeu()).isEqualTo(11);
        assertThat(alice.messages.peek().fp()).isEqualTo(toAlice);
        assertThat(a.pendingQos()).isZero();
    }

    @Test
    void everyDeviceOfAUserWithOneSessionPerTransportGetsAMessageOnceAndItsSenderOneAck() throws Exception {
        im.configure(config -> config.getSession().setDuplicateLogin(DuplicateLoginPolicy.ONE_PER_TRANSPORT));
        Map<Transport, RecordingClientListener> devices = new EnumMap<>(Transport.class);
        for (Transport transport : Transport.values()) {
            devices.put(transport, new RecordingClientListener());
            loggedIn(transport, "bob", devices.get(transport));
        }
        ImClient sender = loggedIn(Transport.TCP, "alice", alice);

        String fp = sender.send("bob", "to all my devices", 3).get(10, TimeUnit.SECONDS);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> alice.acked.size() == 1
                && devices.values().stream().allMatch(device -> device.messages.size() == 1));
        devices.forEach((transport, device) -> assertThat(device.messages).as("on %s", transport)
                .extracting(Packet::fp, Packet::dataContent).containsExactly(tuple(fp, "to all my devices")));
        assertThat(alice.acked).extracting(Packet::fp).containsExactly(fp);
        assertThat(alice.lost).isEmpty();
        assertThat(sender.pendingQos()).isZero();
        assertThat(im.server().sessions("bob")).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void receivesServerMessagesAndAcknowledgesThem(Transport transport) throws Exception {
        loggedIn(transport, "alice", alice);

        String fp = im.server().send("alice", "from the server", 5, true).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> alice.messages.size() == 1);
        assertThat(alice.messages.peek().from()).isEqualTo(UserIds.SERVER);
        assertThat(alice.messages.peek().fp()).isEqualTo(fp);
        await().atMost(Duration.ofSeconds(10)).until(() -> im.listener().s2cAcked(fp).size() == 1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendsMessagesToTheServerAndGetsTheServersAck(Transport transport) throws Exception {
        ImClient a = loggedIn(transport, "alice", alice);

        String fp = a.send(UserIds.SERVER, "for the server", 9).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> im.listener().c2sReceived("alice").size() == 1);
        assertThat(im.listener().c2sReceived("alice").get(0).fp()).isEqualTo(fp);
        assertThat(im.listener().c2sReceived("alice").get(0).dataContent()).isEqualTo("for the server");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void acknowledgesARepeatedFingerprintAgainButDeliversItOnce(Transport transport) throws Exception {
        loggedIn(transport, "alice", alice);
        String fp = Packet.newFingerprint();

        im.server().send("alice", "once", 5, true, fp).get(10, TimeUnit.SECONDS);
        // The second future completes only if the client acknowledges the duplicate too.
        im.server().send("alice", "once", 5, true, fp).get(10, TimeUnit.SECONDS);
        im.server().send("alice", "marker", 5, true).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> alice.messages.size() == 2);
        assertThat(alice.messages).extracting(Packet::dataContent).containsExactly("once", "marker");
    }

    @Test
    void failsTheLoginClearlyWhenTheWebSocketPathIsWrong() {
        ImClient client = shared.client(im.clientConfig(Transport.WEBSOCKET).setWebsocketPath("/other"));
        clients.add(client);

        assertThatThrownBy(() -> client.login("alice", "tk", null).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(ImClientException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
                    assertThat(ex.getMessage()).contains("WEBSOCKET", "404");
                });
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void staysKickedWhenTheSameUserLogsInElsewhere(Transport transport) throws Exception {
        ImClient first = loggedIn(transport, "alice", alice);

        ImClient second = loggedIn(Transport.TCP, "alice", bob);

        await().atMost(Duration.ofSeconds(10)).until(() -> first.state() == ClientState.KICKED);
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.kicks.size() == 1);
        assertThat(alice.kicks.peek().code()).isEqualTo(KickoutInfo.DUPLICATE_LOGIN);
        assertThat(im.listener().kicked("alice")).extracting(RecordingListener.Kick::reason)
                .contains(KickReason.DUPLICATE_LOGIN);
        // Re-login delays are 200 ms to 1 s here, so a client that tried again would do so within this window.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> im.listener().loggedIn("alice").size() == 2);
        assertThat(second.state()).isEqualTo(ClientState.LOGGED_IN);
        assertThat(im.server().session("alice")).get().extracting(session -> session.transport())
                .isEqualTo(Transport.TCP);
    }
}
