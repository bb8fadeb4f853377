package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.client.ImClientManager;
import io.imstarter.event.ImClientLoginResultEvent;
import io.imstarter.event.ImClientMessageReceivedEvent;
import io.imstarter.event.ImClientMessagesAckedEvent;
import io.imstarter.event.ImEvent;
import io.imstarter.event.ImUserLoggedInEvent;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.TcpRawClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/** The embedded client manager finds the embedded server's ephemeral port and its notifications become events. */
@SpringBootTest(classes = ImClientIT.App.class, properties = { "im.server.address=127.0.0.1",
        "im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0" })
class ImClientIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Value("${local.im.server.tcp.port}")
    private int tcpPort;

    @Autowired
    private ImClientManager clients;

    @Autowired
    private Events events;

    @Test
    void embeddedClientLogsInToTheEphemeralPort() throws Exception {
        LoginResponse response = clients.login("bot-login", "token", null).get(10, TimeUnit.SECONDS);

        assertThat(response.accepted()).isTrue();
        await().atMost(WAIT).until(() -> events.of(ImClientLoginResultEvent.class).stream()
                .anyMatch(e -> e.userId().equals("bot-login") && e.accepted()
                        && e.server().equals("127.0.0.1:" + tcpPort)));
        await().atMost(WAIT).until(() -> events.of(ImUserLoggedInEvent.class).stream()
                .anyMatch(e -> e.userId().equals("bot-login") && e.transport() == Transport.TCP));
    }

    @Test
    void messagesBetweenARawClientAndAnEmbeddedClientBecomeEvents() throws Exception {
        try (TcpRawClient human = new TcpRawClient(tcpPort)) {
            Packet toBot = writeToBot(human, "human", "bot", "hello bot");

            assertThat(human.awaitPacket(Expect.type(PacketType.ACK)).dataContent()).as("the bot's own ACK, forwarded")
                    .isEqualTo(toBot.fp());
            await().atMost(WAIT).until(() -> events.of(ImClientMessageReceivedEvent.class).stream()
                    .anyMatch(e -> e.userId().equals("bot") && e.message().fp().equals(toBot.fp())
                            && e.message().content().equals("hello bot")));

            CompletableFuture<String> sent = clients.send("bot", "human", "hello human", 0, true);
            Packet toHuman = human.awaitPacket(Expect.type(PacketType.DATA));
            assertThat(toHuman.dataContent()).isEqualTo("hello human");
            human.send(toHuman.ackFrom("human"));
            assertThat(sent.get(10, TimeUnit.SECONDS)).isEqualTo(toHuman.fp());
            await().atMost(WAIT).until(() -> events.of(ImClientMessagesAckedEvent.class).stream()
                    .anyMatch(e -> e.userId().equals("bot")
                            && e.messages().stream().anyMatch(m -> m.fp().equals(toHuman.fp()))));
        }
    }

    @Test
    void theEmbeddedClientAcknowledgesOnlyAfterTheEventListenersHaveRun() throws Exception {
        try (TcpRawClient human = new TcpRawClient(tcpPort)) {
            Packet slow = writeToBot(human, "human2", "careful-bot", "slow");
            assertThat(handling.slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(handling.releaseSlow::countDown);

            assertThat(human.awaitPacket(Expect.type(PacketType.ACK)).dataContent()).isEqualTo(slow.fp());
            assertThat(handling.slowFinished).as("the ACK came after the listener returned").isTrue();
        }
    }

    @Test
    void aMessageWhoseEventListenerThrewIsNotAcknowledgedAndComesAgain() throws Exception {
        try (TcpRawClient human = new TcpRawClient(tcpPort)) {
            Packet poison = writeToBot(human, "human3", "fragile-bot", "poison");

            // The server's receiver leg re-sends it (section 9.5); the second delivery succeeds and is ACKed.
            assertThat(human.awaitPacket(Expect.type(PacketType.ACK)).dataContent()).isEqualTo(poison.fp());
            assertThat(handling.poisonCalls).hasValue(2);
        }
    }

    /** Logs in an embedded bot and a raw human, and writes a QoS message from the human to the bot. */
    private Packet writeToBot(TcpRawClient human, String humanId, String bot, String content) throws Exception {
        clients.login(bot, "token", null).get(10, TimeUnit.SECONDS);
        human.login(humanId, "token", 0);
        Packet message = Packet.of(PacketType.DATA, content, humanId, bot, null, true, 3);
        human.send(message);
        return message;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ Events.class, Handling.class })
    static class App {
    }

    @Autowired
    private Handling handling;

    /** Application listeners: one slow until released, one that fails on its first call. */
    static class Handling {

        final CountDownLatch slowEntered = new CountDownLatch(1);
        final CountDownLatch releaseSlow = new CountDownLatch(1);
        final AtomicInteger poisonCalls = new AtomicInteger();
        volatile boolean slowFinished;

        @EventListener
        void received(ImClientMessageReceivedEvent event) throws InterruptedException {
            if (event.message().content().equals("slow")) {
                slowEntered.countDown();
                releaseSlow.await(10, TimeUnit.SECONDS);
                slowFinished = true;
            }
            else if (event.message().content().equals("poison") && poisonCalls.incrementAndGet() == 1) {
                throw new IllegalStateException("the application's database is down");
            }
        }
    }

    static class Events {

        private final List<ImEvent> all = new CopyOnWriteArrayList<>();

        @EventListener
        void any(ImEvent event) {
            all.add(event);
        }

        <T extends ImEvent> List<T> of(Class<T> type) {
            return all.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
