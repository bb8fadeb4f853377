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
import java.util.concurrent.TimeUnit;
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
                .anyMatch(e -> e.userId().equals("bot-login") && e.accepted()));
        await().atMost(WAIT).until(() -> events.of(ImUserLoggedInEvent.class).stream()
                .anyMatch(e -> e.userId().equals("bot-login") && e.transport() == Transport.TCP));
    }

    @Test
    void messagesBetweenARawClientAndAnEmbeddedClientBecomeEvents() throws Exception {
        clients.login("bot", "token", null).get(10, TimeUnit.SECONDS);
        try (TcpRawClient human = new TcpRawClient(tcpPort)) {
            human.login("human", "token", 0);
            Packet toBot = Packet.of(PacketType.DATA, "hello bot", "human", "bot", null, true, 3);
            human.send(toBot);

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

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Events.class)
    static class App {
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
