package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RawHttp;
import io.imstarter.testsupport.Received;
import io.imstarter.testsupport.TcpRawClient;
import io.imstarter.testsupport.UdpRawClient;
import io.imstarter.testsupport.WebSocketRawClient;
import io.imstarter.testsupport.Wire;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Checklist items 19 to 22: per-transport framing and size limits (section 5). */
class FramingIT {

    private static final Duration QUIET = Duration.ofMillis(400);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension();

    @Test
    @DisplayName("item 19: TCP processes a body of exactly 6144 bytes")
    void tcpBodyAtTheLimitIsProcessed() {
        assertMessageAtLimitIsProcessed(Transport.TCP, 6144);
    }

    @Test
    @DisplayName("item 19: TCP answers a 6145-byte header with 52/303, skips the body, then reads the next frame")
    void tcpBodyOverTheLimitIsSkipped() {
        String user = im.newUserId("tcp-big");
        RawClient client = im.loggedIn(Transport.TCP, user);
        byte[] body = PacketCodec.encodeToBytes(Wire.dataOfSize(user, UserIds.SERVER, 6145, true));

        client.sendBytes(concat(TcpRawClient.frame(body), frame(Wire.keepAlive(user))));

        Packet error = client.awaitPacket(Expect.error(ErrorCode.TOO_LARGE));
        assertThat(error.to()).isEqualTo(user);
        assertThat(Expect.errorOf(error).errorMsg()).contains("6144");
        client.awaitPacket(Expect.type(PacketType.KEEP_ALIVE_RESPONSE));
        assertThat(client.received()).noneMatch(Expect.type(PacketType.ACK));
        assertThat(im.listener().c2sReceived(user)).isEmpty();
    }

    @Test
    @DisplayName("item 19: TCP discards an oversized body as it arrives, in pieces, without waiting for all of it")
    void tcpOversizedBodyIsDiscardedAsItArrives() {
        String user = im.newUserId("tcp-trickle");
        RawClient client = im.loggedIn(Transport.TCP, user);
        byte[] body = new byte[10_000];
        Arrays.fill(body, (byte) '{');

        client.sendBytes(TcpRawClient.header(body.length, Arrays.copyOfRange(body, 0, 100)));
        client.awaitPacket(Expect.error(ErrorCode.TOO_LARGE));
        client.sendBytes(Arrays.copyOfRange(body, 100, 5000));
        client.sendBytes(concat(Arrays.copyOfRange(body, 5000, body.length), frame(Wire.keepAlive(user))));

        client.awaitPacket(Expect.type(PacketType.KEEP_ALIVE_RESPONSE));
        assertThat(client.received()).filteredOn(Expect.type(PacketType.ERROR)).hasSize(1);
        assertThat(im.server().session(user)).isPresent();
    }

    @Test
    @DisplayName("item 20: UDP answers a 2049-byte datagram with 52/303 and keeps the session")
    void udpDatagramOverTheLimitKeepsTheSession() {
        String user = im.newUserId("udp-big");
        RawClient client = im.loggedIn(Transport.UDP, user);

        client.send(Wire.dataOfSize(user, UserIds.SERVER, 2049, true));
        client.send(Wire.dataOfSize(user, UserIds.SERVER, 60_000, true));

        assertThat(client.awaitPacket(Expect.error(ErrorCode.TOO_LARGE)).to()).isEqualTo(user);
        assertThat(client.awaitPacket(Expect.error(ErrorCode.TOO_LARGE)).to()).isEqualTo(user);
        assertThat(client.keepAlive(user).to()).isEqualTo(user);
        assertThat(im.server().session(user)).isPresent();
        await().during(QUIET).atMost(RawClient.TIMEOUT).until(() -> im.listener().sessionEnds(user) == 0);
        assertThat(client.received()).noneMatch(Expect.type(PacketType.ACK));
    }

    @Test
    @DisplayName("item 20: UDP processes a datagram of exactly 2048 bytes")
    void udpDatagramAtTheLimitIsProcessed() {
        assertMessageAtLimitIsProcessed(Transport.UDP, 2048);
    }

    @Test
    @DisplayName("item 21: WebSocket answers a text message of 64 KiB + 1 with 52/303 and stays open")
    void webSocketMessageOverTheLimitKeepsTheConnection() {
        String user = im.newUserId("ws-big");
        RawClient client = im.loggedIn(Transport.WEBSOCKET, user);

        client.send(Wire.dataOfSize(user, UserIds.SERVER, 64 * 1024 + 1, true));

        assertThat(client.awaitPacket(Expect.error(ErrorCode.TOO_LARGE)).to()).isEqualTo(user);
        assertThat(client.keepAlive(user).to()).isEqualTo(user);
        assertThat(client.isClosed()).isFalse();
        assertThat(im.listener().c2sReceived(user)).isEmpty();
    }

    @Test
    @DisplayName("item 21: WebSocket applies the limit to a whole fragmented message and reassembles fragments")
    void webSocketFragmentsAreReassembled() {
        String user = im.newUserId("ws-fragments");
        WebSocketRawClient client = (WebSocketRawClient) im.loggedIn(Transport.WEBSOCKET, user);

        client.sendFragmented(PacketCodec.encode(Wire.dataOfSize(user, UserIds.SERVER, 64 * 1024 + 1, true)), 4);
        client.awaitPacket(Expect.error(ErrorCode.TOO_LARGE));
        client.sendFragmented(PacketCodec.encode(Wire.keepAlive(user)), 3);

        client.awaitPacket(Expect.type(PacketType.KEEP_ALIVE_RESPONSE));
    }

    @Test
    @DisplayName("item 21: WebSocket processes a text message of exactly 64 KiB")
    void webSocketMessageAtTheLimitIsProcessed() {
        assertMessageAtLimitIsProcessed(Transport.WEBSOCKET, 64 * 1024);
    }

    @Test
    @DisplayName("item 21: GET /other on the WebSocket port gets 404 and a close")
    void otherPathGets404() {
        RawHttp.Response response = RawHttp.get(im.address(Transport.WEBSOCKET), "/other");

        assertThat(response.status()).as(response.statusLine()).isEqualTo(404);
        assertThat(response.closedByServer()).isTrue();
    }

    @Test
    @DisplayName("section 5: a GET on the WebSocket path without upgrade gets 400 and a close")
    void nonUpgradeRequestGets400() {
        RawHttp.Response response = RawHttp.get(im.address(Transport.WEBSOCKET), "/websocket");

        assertThat(response.status()).as(response.statusLine()).isEqualTo(400);
        assertThat(response.closedByServer()).isTrue();
    }

    @Test
    @DisplayName("item 22: UDP server datagrams never exceed 1024 bytes: 301 is cut at a character, a big 53 is not sent")
    void udpServerDatagramsStayWithin1024Bytes() {
        UdpRawClient client = (UdpRawClient) im.connect(Transport.UDP);
        Packet bigKeepAlive = new Packet(false, PacketType.KEEP_ALIVE, "你好".repeat(300), "ghost", UserIds.SERVER,
                null, false, -1, -1);

        client.send(bigKeepAlive);
        Received notLoggedIn = client.inbox().await(Expect.error(ErrorCode.NOT_LOGGED_IN), RawClient.TIMEOUT);
        String cut = Expect.errorOf(notLoggedIn.packet()).errorMsg();
        client.send(Wire.echo("ghost", "e".repeat(1500)));

        assertThat(PacketCodec.encode(bigKeepAlive)).startsWith(cut);
        assertThat(notLoggedIn.sizeBytes()).as("cut to fit, not emptied").isBetween(900, 1024);
        client.assertNothingMore(Expect.type(PacketType.ECHO_RESPONSE), QUIET);
        assertThat(client.largestDatagram()).isLessThanOrEqualTo(1024);
    }

    @Test
    @DisplayName("item 22: a 1500-byte C2C to a UDP receiver goes to the offline handler, not over the wire")
    void oversizedC2cToUdpReceiverGoesOffline() {
        String sender = im.newUserId("udp-sender");
        String receiver = im.newUserId("udp-receiver");
        RawClient senderClient = im.loggedIn(Transport.UDP, sender);
        UdpRawClient receiverClient = (UdpRawClient) im.loggedIn(Transport.UDP, receiver);
        im.offline().accept(true);
        Packet message = Wire.dataOfSize(sender, receiver, 1500, true);

        senderClient.send(message);

        await().atMost(RawClient.TIMEOUT).until(() -> im.offline().calls(message.fp()).size() == 1);
        assertThat(im.offline().calls(message.fp()).get(0).dataContent()).isEqualTo(message.dataContent());
        Packet pseudoAck = senderClient.awaitPacket(Expect.ackOf(message.fp()));
        assertThat(pseudoAck.from()).isEqualTo(receiver);
        receiverClient.assertNothingMore(Expect.type(PacketType.DATA), QUIET);
        assertThat(receiverClient.largestDatagram()).isLessThanOrEqualTo(1024);
        assertThat(im.server().session(receiver)).isPresent();
    }

    @Test
    @DisplayName("item 22: an S2C too large for a UDP user fails with TOO_LARGE")
    void oversizedS2cToUdpUserFails() {
        String user = im.newUserId("udp-s2c");
        UdpRawClient client = (UdpRawClient) im.loggedIn(Transport.UDP, user);

        CompletionException failure = catchThrowableOfType(CompletionException.class,
                () -> im.server().send(user, "s".repeat(1500), 0, true).join());

        assertThat(failure).hasCauseInstanceOf(S2CSendException.class);
        assertThat(((S2CSendException) failure.getCause()).reason()).isEqualTo(S2CSendException.Reason.TOO_LARGE);
        client.assertNothingMore(Expect.type(PacketType.DATA), QUIET);
        assertThat(client.largestDatagram()).isLessThanOrEqualTo(1024);
    }

    /** A QoS C2S of exactly {@code size} bytes is ACKed and delivered to the application. */
    private static void assertMessageAtLimitIsProcessed(Transport transport, int size) {
        String user = im.newUserId("at-limit");
        RawClient client = im.loggedIn(transport, user);
        Packet message = Wire.dataOfSize(user, UserIds.SERVER, size, true);
        assertThat(PacketCodec.encodeToBytes(message)).hasSize(size);

        client.send(message);

        Packet ack = client.awaitPacket(Expect.ackOf(message.fp()));
        assertThat(ack.from()).isEqualTo(UserIds.SERVER);
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().c2sReceived(user).size() == 1);
        assertThat(im.listener().c2sReceived(user).get(0).dataContent()).isEqualTo(message.dataContent());
        assertThat(client.received()).noneMatch(Expect.type(PacketType.ERROR));
    }

    private static byte[] frame(Packet packet) {
        return TcpRawClient.frame(PacketCodec.encodeToBytes(packet));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
