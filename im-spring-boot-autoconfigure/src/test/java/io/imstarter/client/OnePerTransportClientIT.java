package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.DuplicateLoginPolicy;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RecordingClientListener;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Embedded clients of one user on TCP, UDP and WebSocket under the one-per-transport policy: each application gets a
 * message exactly once, and the sending application sees it acknowledged once.
 */
class OnePerTransportClientIT {

    /** Longer than the server's re-send and the clients' keep-alive, so a second delivery or ACK would show. */
    private static final Duration QUIET = Duration.ofSeconds(1);

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension()
            .configure(config -> config.duplicateLoginPolicy(DuplicateLoginPolicy.ONE_PER_TRANSPORT));

    private final List<ImClient> clients = new CopyOnWriteArrayList<>();

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

    @Test
    void everyDeviceOfTheReceiverGetsTheMessageOnceAndTheSenderOneAck() throws Exception {
        Map<Transport, RecordingClientListener> bob = new EnumMap<>(Transport.class);
        for (Transport transport : Transport.values()) {
            bob.put(transport, new RecordingClientListener());
            loggedIn(transport, "bob", bob.get(transport));
        }
        RecordingClientListener alice = new RecordingClientListener();
        ImClient sender = loggedIn(Transport.TCP, "alice", alice);

        String fp = sender.send("bob", "to all my devices", 3).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> bob.values().stream().allMatch(device -> device.messages.size() == 1));
        await().during(QUIET).atMost(Duration.ofSeconds(10)).until(() -> alice.acked.size() == 1
                && bob.values().stream().allMatch(device -> device.messages.size() == 1));
        bob.forEach((transport, device) -> assertThat(device.messages).as("on %s", transport)
                .extracting(Packet::fp, Packet::dataContent).containsExactly(tuple(fp, "to all my devices")));
        assertThat(alice.acked).extracting(Packet::fp).containsExactly(fp);
        assertThat(alice.lost).isEmpty();
        assertThat(sender.pendingQos()).isZero();
        assertThat(im.server().sessions("bob")).hasSize(3);
    }
}
