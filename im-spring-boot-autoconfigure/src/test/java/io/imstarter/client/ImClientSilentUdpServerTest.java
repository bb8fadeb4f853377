package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.testsupport.RecordingClientListener;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A UDP server that answers logins and then stays silent, like a server that died behind a live port. */
class ImClientSilentUdpServerTest {

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    private DatagramSocket socket;
    private final Queue<Packet> received = new ConcurrentLinkedQueue<>();
    private volatile SocketAddress clientAddress;
    private ImClient client;

    @BeforeEach
    void start() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread server = new Thread(this::answerLoginsOnly, "silent-udp-server");
        server.setDaemon(true);
        server.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        socket.close();
    }

    private void answerLoginsOnly() {
        byte[] buffer = new byte[65536];
        try {
            while (true) {
                DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                socket.receive(datagram);
                Packet packet = PacketCodec.decode(Arrays.copyOf(datagram.getData(), datagram.getLength()));
                received.add(packet);
                clientAddress = datagram.getSocketAddress();
                if (packet.type() == PacketType.LOGIN) {
                    LoginInfo info = PacketCodec.decodePayload(packet.dataContent(), LoginInfo.class);
                    byte[] reply = PacketCodec.encodeToBytes(Packet.control(PacketType.LOGIN_RESPONSE,
                            PacketCodec.encodePayload(new LoginResponse(0, 99)), UserIds.SERVER, info.loginUserId()));
                    socket.send(new DatagramPacket(reply, reply.length, datagram.getSocketAddress()));
                }
            }
        }
        catch (Exception closed) {
            // The test is over.
        }
    }

    private ImClientConfig config() {
        ImClientConfig config = new ImClientConfig().setTransport(Transport.UDP).setPort(socket.getLocalPort())
                .setKeepAliveInterval(Duration.ofMillis(200))
                .setLinkTimeout(Duration.ofMillis(800))
                .setLoginTimeout(Duration.ofSeconds(1));
        config.getRelogin().setInitialDelay(Duration.ofMillis(100)).setMaxInterval(Duration.ofMillis(400));
        return config;
    }

    @Test
    void declaresTheLinkLostWithinTheLinkTimeoutAndLogsInAgainWithTheKeptFirstLoginTime() throws Exception {
        RecordingClientListener events = new RecordingClientListener();
        client = shared.client(config());
        client.addListener(events);
        client.login("u1", "tk", null).get(5, TimeUnit.SECONDS);
        long loggedInAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(5)).until(() -> events.linkClosed.contains(ErrorCode.CONNECTION_BROKEN));
        long lostAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loggedInAt);

        assertThat(lostAfterMillis).isBetween(700L, 3000L);
        assertThat(received).anyMatch(packet -> packet.type() == PacketType.KEEP_ALIVE);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.stream()
                .filter(packet -> packet.type() == PacketType.LOGIN).count() >= 2);
        Packet relogin = received.stream().filter(packet -> packet.type() == PacketType.LOGIN).skip(1).findFirst()
                .orElseThrow();
        assertThat(PacketCodec.decodePayload(relogin.dataContent(), LoginInfo.class).firstLoginTime()).isEqualTo(99);
    }

    @Test
    void readsDatagramsFarLargerThanTheStockClientsBuffer() throws Exception {
        RecordingClientListener events = new RecordingClientListener();
        client = shared.client(
                config().setKeepAliveInterval(Duration.ofSeconds(3)).setLinkTimeout(Duration.ofSeconds(10)));
        client.addListener(events);
        client.login("u1", "tk", null).get(5, TimeUnit.SECONDS);
        String big = "y".repeat(30_000);

        byte[] datagram = PacketCodec.encodeToBytes(Packet.of(PacketType.DATA, big, "u2", "u1", null, false, 1));
        socket.send(new DatagramPacket(datagram, datagram.length, clientAddress));

        await().atMost(Duration.ofSeconds(5)).until(() -> events.messages.size() == 1);
        assertThat(events.messages.peek().dataContent()).isEqualTo(big);
    }

    @Test
    void refusesToSendADatagramOver2048Bytes() throws Exception {
        client = shared.client(config());
        client.login("u1", "tk", null).get(5, TimeUnit.SECONDS);

        assertThatThrownBy(() -> client.send("u2", "x".repeat(2100), 1).join()).cause()
                .isInstanceOfSatisfying(ImClientException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_PACKET);
                    assertThat(ex.getMessage()).contains("UDP", "2048");
                });
        client.send("u2", "x".repeat(1800), 1, false).get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.stream()
                .anyMatch(packet -> packet.type() == PacketType.DATA && packet.dataContent().length() == 1800));
    }
}
