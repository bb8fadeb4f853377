package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.TcpRawClient;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Checklist items 7, 16, 17 and 18: the dispatch table of section 7 and its error answers. */
class DispatchErrorsIT {

    private static final Duration QUIET = Duration.ofMillis(400);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension();

    static Stream<Arguments> typesNeedingLogin() {
        return Arrays.stream(Transport.values()).flatMap(transport -> Stream.of(
                Arguments.of(transport, Wire.keepAlive("ghost")),
                Arguments.of(transport, Wire.data("ghost", "someone", "hello", true)),
                Arguments.of(transport, Wire.ack("ghost", "someone", Packet.newFingerprint()))));
    }

    @ParameterizedTest(name = "item 7: {1} before login gets 52/301 carrying the packet on {0}")
    @MethodSource("typesNeedingLogin")
    void typesOneTwoAndFourNeedALogin(Transport transport, Packet packet) {
        RawClient client = im.connect(transport);

        client.send(packet);

        Packet error = client.awaitPacket(Expect.error(ErrorCode.NOT_LOGGED_IN));
        assertThat(error.from()).isEqualTo(UserIds.SERVER);
        assertThat(error.to()).isEqualTo(UserIds.UNKNOWN);
        assertThat(Expect.errorOf(error).errorMsg()).isEqualTo(PacketCodec.encode(packet));
        if (transport == Transport.UDP) {
            assertThat(client.login(im.newUserId("udp-after-301"), "tk", 0).code())
                    .as("a UDP peer stays open and not logged in").isZero();
        }
        else {
            client.awaitClosedByServer();
        }
    }

    @ParameterizedTest(name = "item 16: a type 2 with a forged from gets 52/302 ending in fp=<fp> on {0}")
    @EnumSource(Transport.class)
    void forgedSenderOfAMessageIsRefused(Transport transport) {
        String alice = im.newUserId("alice");
        String bob = im.newUserId("bob");
        RawClient aliceClient = im.loggedIn(transport, alice);
        RawClient bobClient = im.loggedIn(transport, bob);
        Packet forgedC2c = Wire.data("mallory", bob, "secret-payload-c2c", true);
        Packet forgedC2s = Wire.c2s(bob, "secret-payload-c2s", true);

        aliceClient.send(forgedC2c);
        aliceClient.send(forgedC2s);

        assertFromMismatch(aliceClient, alice, forgedC2c);
        assertFromMismatch(aliceClient, alice, forgedC2s);
        bobClient.assertNothingMore(Expect.any(), QUIET);
        assertThat(aliceClient.received()).noneMatch(Expect.type(PacketType.ACK));
        assertThat(im.listener().c2sReceived(alice)).isEmpty();
        assertThat(im.listener().c2sReceived(bob)).isEmpty();
        assertThat(im.offline().calls(forgedC2c.fp())).isEmpty();
        assertThat(aliceClient.keepAlive(alice).to()).isEqualTo(alice);
    }

    @ParameterizedTest(name = "item 16: a type 4 with a forged from gets 52/302 and is not forwarded on {0}")
    @EnumSource(Transport.class)
    void forgedSenderOfAnAckIsRefused(Transport transport) {
        String alice = im.newUserId("alice");
        String bob = im.newUserId("bob");
        RawClient aliceClient = im.loggedIn(transport, alice);
        RawClient bobClient = im.loggedIn(transport, bob);
        Packet forgedAck = new Packet(false, PacketType.ACK, "acked-fp", "mallory", bob, "ack-own-fp", false, -1, -1);

        aliceClient.send(forgedAck);

        assertFromMismatch(aliceClient, alice, forgedAck);
        bobClient.assertNothingMore(Expect.any(), QUIET);
        assertThat(aliceClient.keepAlive(alice).to()).isEqualTo(alice);
    }

    @ParameterizedTest(name = "item 17: type 5 gets a 53 equal in every other field, before and after login on {0}")
    @EnumSource(Transport.class)
    void echoCopiesEveryField(Transport transport) {
        RawClient client = im.connect(transport);
        Packet before = new Packet(true, PacketType.ECHO, "ping <ü> & \"quoted\"", "anyone", "whoever",
                "echo-fp-1", true, 9, 42);

        client.send(before);

        assertThat(client.awaitPacket(Expect.type(PacketType.ECHO_RESPONSE)).withType(PacketType.ECHO))
                .isEqualTo(before);
        String user = im.newUserId("echo");
        assertThat(client.login(user, "tk", 0).code()).isZero();
        Packet after = Wire.echo(user, "pong");
        client.send(after);
        assertThat(client.awaitPacket(Expect.type(PacketType.ECHO_RESPONSE)).withType(PacketType.ECHO))
                .isEqualTo(after);
    }

    @ParameterizedTest(name = "item 17: an unknown type gets no answer and the connection stays usable on {0}")
    @EnumSource(Transport.class)
    void unknownTypeIsIgnored(Transport transport) {
        RawClient client = im.connect(transport);

        client.send(Packet.control(99, "{}", "anyone", UserIds.SERVER));
        client.send(Packet.control(PacketType.KICKOUT, "{\"code\":1}", "anyone", UserIds.SERVER));

        client.assertNothingMore(Expect.any(), QUIET);
        assertThat(client.isClosed()).isFalse();
        String user = im.newUserId("unknown-type");
        assertThat(client.login(user, "tk", 0).code()).isZero();
        client.send(Packet.control(99, "{}", user, UserIds.SERVER));
        assertThat(client.keepAlive(user).to()).isEqualTo(user);
        assertThat(client.received()).extracting(Packet::type)
                .containsExactly(PacketType.LOGIN_RESPONSE, PacketType.KEEP_ALIVE_RESPONSE);
    }

    static Stream<Arguments> malformedBodies() {
        return Arrays.stream(Transport.values()).flatMap(transport -> Stream.of(
                Arguments.of(transport, "{\"type\":"),
                Arguments.of(transport, "[1,2]"),
                Arguments.of(transport, "\"just a string\""),
                Arguments.of(transport, "{\"type\":1}{\"type\":1}"),
                Arguments.of(transport, "{\"type\":1.5}"),
                Arguments.of(transport, "{\"type\":1,\"dataContent\":{\"nested\":true}}"),
                Arguments.of(transport, "   ")));
    }

    @ParameterizedTest(name = "item 18: {1} gets 52/304 and the connection stays usable on {0}")
    @MethodSource("malformedBodies")
    void malformedEnvelopeIsRefused(Transport transport, String body) {
        RawClient client = im.connect(transport);

        client.sendText(body);

        Packet error = client.awaitPacket(Expect.error(ErrorCode.MALFORMED));
        assertThat(error.to()).isEqualTo(UserIds.UNKNOWN);
        assertUsableAfterwards(client);
    }

    @ParameterizedTest(name = "item 18: a malformed envelope after login gets 52/304 to the user on {0}")
    @EnumSource(Transport.class)
    void malformedEnvelopeAfterLoginIsRefused(Transport transport) {
        String user = im.newUserId("malformed");
        RawClient client = im.loggedIn(transport, user);

        client.sendText("{\"type\":");

        assertThat(client.awaitPacket(Expect.error(ErrorCode.MALFORMED)).to()).isEqualTo(user);
        assertThat(client.keepAlive(user).to()).isEqualTo(user);
        assertThat(im.server().session(user)).isPresent();
    }

    @Test
    @DisplayName("item 18: on WebSocket a binary message gets 52/304 and the connection stays open")
    void webSocketBinaryMessageIsRefused() {
        String user = im.newUserId("binary");
        RawClient client = im.loggedIn(Transport.WEBSOCKET, user);

        client.sendBytes(PacketCodec.encodeToBytes(Wire.keepAlive(user)));

        Packet error = client.awaitPacket(Expect.error(ErrorCode.MALFORMED));
        assertThat(error.to()).isEqualTo(user);
        client.assertNothingMore(Expect.type(PacketType.KEEP_ALIVE_RESPONSE), QUIET);
        assertThat(client.keepAlive(user).to()).isEqualTo(user);
    }

    @Test
    @DisplayName("section 5: a TCP frame with length 0 gets 52/304 and the next frame is read")
    void emptyTcpFrameIsMalformed() {
        RawClient client = im.connect(Transport.TCP);

        client.sendBytes(TcpRawClient.frame(new byte[0]));

        client.awaitPacket(Expect.error(ErrorCode.MALFORMED));
        assertUsableAfterwards(client);
    }

    private static void assertFromMismatch(RawClient client, String user, Packet rejected) {
        Packet error = client.awaitPacket(Expect.error(ErrorCode.FROM_MISMATCH));
        ErrorResponse response = Expect.errorOf(error);
        assertThat(error.from()).isEqualTo(UserIds.SERVER);
        assertThat(error.to()).isEqualTo(user);
        assertThat(response.errorMsg()).endsWith(" fp=" + rejected.fp()).hasSizeLessThanOrEqualTo(256)
                .doesNotContain(rejected.dataContent());
    }

    private static void assertUsableAfterwards(RawClient client) {
        Packet echo = Wire.echo("anyone", "still there");
        client.send(echo);
        assertThat(client.awaitPacket(Expect.type(PacketType.ECHO_RESPONSE)).dataContent()).isEqualTo("still there");
        assertThat(client.isClosed()).isFalse();
    }
}
