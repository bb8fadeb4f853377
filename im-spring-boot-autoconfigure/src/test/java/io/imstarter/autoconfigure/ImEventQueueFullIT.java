package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.event.ImC2SMessageReceivedEvent;
import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.UserIds;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.TcpRawClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * A C2S message that finds the event queue full is refused with 52/305 and not ACKed, so the sender retries and
 * nothing the server acknowledged is lost.
 */
@SpringBootTest(classes = ImEventQueueFullIT.App.class, properties = { "im.server.address=127.0.0.1",
        "im.server.tcp.port=0", "im.server.udp.enabled=false", "im.server.websocket.enabled=false",
        "im.client.enabled=false", "im.events.threads=1", "im.events.queue-capacity=1" })
class ImEventQueueFullIT {

    @Value("${local.im.server.tcp.port}")
    private int tcpPort;

    @Autowired
    private SlowListener listener;

    @Test
    void refusesAC2SMessageWhileTheEventQueueIsFullAndTakesItsRetry() throws Exception {
        try (TcpRawClient client = new TcpRawClient(tcpPort)) {
            client.login("sender", "token", 0);
            client.send(c2s("fp-1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.blocked.getCount() == 0);
            client.send(c2s("fp-2"));
            assertThat(client.awaitPacket(Expect.type(PacketType.ACK)).dataContent()).isEqualTo("fp-1");
            assertThat(client.awaitPacket(Expect.type(PacketType.ACK)).dataContent())
                    .as("queued behind the busy listener").isEqualTo("fp-2");

            client.send(c2s("fp-3"));
            Packet error = client.awaitPacket(Expect.type(PacketType.ERROR));
            ErrorResponse refused = PacketCodec.decodePayload(error.dataContent(), ErrorResponse.class);
            assertThat(refused.errorCode()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(refused.errorMsg()).contains("queue is full").endsWith("fp=fp-3");

            listener.release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.received.size() == 2);
            client.send(c2s("fp-3"));
            assertThat(client.awaitPacket(Expect.type(PacketType.ACK)).dataContent()).as("the retry is taken")
                    .isEqualTo("fp-3");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(listener.received).containsExactly("fp-1", "fp-2", "fp-3"));
        }
    }

    private static Packet c2s(String fp) {
        return Packet.of(PacketType.DATA, "hello", "sender", UserIds.SERVER, fp, true, -1);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(SlowListener.class)
    static class App {
    }

    /** Holds the single event thread on the first message until released. */
    static class SlowListener {

        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> received = new CopyOnWriteArrayList<>();

        @EventListener
        void onMessage(ImC2SMessageReceivedEvent event) throws InterruptedException {
            received.add(event.message().fp());
            blocked.countDown();
            release.await(30, TimeUnit.SECONDS);
        }
    }
}
