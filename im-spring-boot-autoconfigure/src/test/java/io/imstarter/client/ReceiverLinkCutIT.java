package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ReplaySettings;
import io.imstarter.store.MessageStore;
import io.imstarter.store.jdbc.JdbcMessageStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.CuttableTcpProxy;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RecordingClientListener;
import io.imstarter.testsupport.Wire;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A receiver whose link is cut abruptly in the middle of a stream, and that comes back (section 10 with 9.5): every
 * message its sender saw ACKed reaches the receiving application exactly once, whether it went live, through the
 * receiver leg's re-send, or through the store.
 */
class ReceiverLinkCutIT {

    private static final int MESSAGES = 300;

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    private final MessageStore store = new JdbcMessageStore(TestDatabases.h2Memory(), 100_000, Clock.systemUTC());

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().messageStore(store, ReplaySettings.DEFAULTS)
            .configure(config -> config.getRateLimit().setPacketsPerSecond(10_000).setBurst(10_000));

    @Test
    void everyAckedMessageReachesTheApplicationOnceAfterTheReceiverLinkIsCutMidStream() throws Exception {
        TestDatabases.createTables(TestDatabases.h2Memory(), "h2");
        String receiver = im.newUserId("cut");
        String sender = im.newUserId("streamer");
        RecordingClientListener application = new RecordingClientListener();
        try (CuttableTcpProxy proxy = new CuttableTcpProxy(im.address(Transport.TCP));
                ImClient receiving = shared.client(im.clientConfig(Transport.TCP).setPort(proxy.port()))) {
            receiving.addListener(application);
            receiving.login(receiver, "tk", null).get(10, TimeUnit.SECONDS);
            RawClient sending = im.loggedIn(Transport.TCP, sender);

            List<Packet> sent = new ArrayList<>(send(sending, sender, receiver, 0, MESSAGES / 2));
            await().atMost(RawClient.TIMEOUT).until(() -> application.messages.size() >= MESSAGES / 6);
            proxy.cut();
            sent.addAll(send(sending, sender, receiver, MESSAGES / 2, MESSAGES));

            for (Packet message : sent) {
                sending.inbox().await(Expect.ackOf(message.fp()), Duration.ofSeconds(30));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> application.messages.size() >= MESSAGES);
            await().atMost(RawClient.TIMEOUT).until(() -> store.countUndelivered(receiver) == 0);
            sending.assertNothingMore(Expect.type(PacketType.ERROR), Duration.ZERO);
            assertThat(application.messages).extracting(Packet::fp)
                    .containsExactlyInAnyOrderElementsOf(sent.stream().map(Packet::fp).toList());
            assertThat(application.linkClosed).as("the cut broke the receiver's link").isNotEmpty();
        }
    }

    private static List<Packet> send(RawClient client, String sender, String receiver, int from, int to) {
        List<Packet> sent = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Packet message = Wire.data(sender, receiver, "message " + i, true);
            sent.add(message);
            client.send(message);
        }
        return sent;
    }
}
