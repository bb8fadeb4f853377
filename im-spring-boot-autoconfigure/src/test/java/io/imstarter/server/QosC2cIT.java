package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.UserPair;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checklist items 27 to 30 and issue #2's QoS must-shows: C2C in both ACK modes (section 9.5) and the offline
 * hand-off (section 10), with the server's send daemon shortened to a 500 ms re-send and one retry. What both modes
 * share runs on both servers; what only the receiver mode does (the default) runs on its server.
 */
class QosC2cIT {

    private static final Duration QUIET = Duration.ofMillis(500);

    /** Long enough for a re-send and the lost report of {@link ImServerExtension#fastQos}. */
    private static final Duration RECEIVER_ACK_TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension()
            .configure(config -> config.getQos().setReceiverAckTimeout(RECEIVER_ACK_TIMEOUT));

    @RegisterExtension
    static final ImServerExtension serverMode = new ImServerExtension()
            .configure(config -> config.getQos().setC2cAckMode(C2cAckMode.SERVER));

    static Stream<Arguments> acceptOrRefuse() {
        return Arrays.stream(Transport.values())
                .flatMap(transport -> Stream.of(Arguments.of(transport, true), Arguments.of(transport, false)));
    }

    static Stream<Arguments> modesAndTransports() {
        return Arrays.stream(C2cAckMode.values())
                .flatMap(mode -> Arrays.stream(Transport.values()).map(transport -> Arguments.of(mode, transport)));
    }

    private static ImServerExtension server(C2cAckMode mode) {
        return mode == C2cAckMode.SERVER ? serverMode : im;
    }

    @ParameterizedTest(name = "items 27, 29: one ACK to the sender, from the receiver, in {0} mode's order, on {1}")
    @MethodSource("modesAndTransports")
    void senderGetsOneAckInTheModesOrder(C2cAckMode mode, Transport transport) {
        ImServerExtension server = server(mode);
        UserPair pair = server.loggedInPair(transport);
        Packet message = Wire.data(pair.sender(), pair.receiver(), "end to end", true);

        pair.senderClient().send(message);
        Packet received = pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        Packet ack;
        if (mode == C2cAckMode.SERVER) {
            // item 29: the pseudo-ACK once the message is written; the receiver's ACK only ends the leg
            ack = pair.senderClient().awaitPacket(Expect.ackOf(message.fp()));
            pair.receiverClient().send(Wire.ack(pair.receiver(), pair.sender(), message.fp()));
            pair.receiverClient().assertNothingMore(Expect.dataWithFp(message.fp()), Duration.ofMillis(700));
        }
        else {
            // item 27: nothing until the receiver's own ACK, which is forwarded
            pair.senderClient().assertNothingMore(Expect.ackOf(message.fp()), Duration.ofMillis(200));
            pair.receiverClient().send(Wire.ack(pair.receiver(), pair.sender(), message.fp()));
            ack = pair.senderClient().awaitPacket(Expect.ackOf(message.fp()));
        }

        assertThat(received).isEqualTo(message);
        assertThat(ack).isEqualTo(Wire.ack(pair.receiver(), pair.sender(), message.fp()));
        await().atMost(RawClient.TIMEOUT).until(() -> server.listener().delivered(message.fp()).size() == 1);
        pair.senderClient().assertNothingMore(Expect.ackOf(message.fp()), QUIET);
        assertThat(server.offline().calls(message.fp())).isEmpty();
    }

    @ParameterizedTest(name = "issue #2, item 29: a dropped copy is re-sent; one ACK, one delivery, in {0} mode on {1}")
    @MethodSource("modesAndTransports")
    void receiverThatDropsTheFirstCopyGetsItAgain(C2cAckMode mode, Transport transport) {
        ImServerExtension server = server(mode);
        UserPair pair = server.loggedInPair(transport);
        Packet message = Wire.data(pair.sender(), pair.receiver(), "say it twice", true);

        pair.senderClient().send(message);
        pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        Packet again = pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        pair.receiverClient().send(Wire.ack(pair.receiver(), pair.sender(), message.fp()));

        assertThat(again.dataContent()).isEqualTo("say it twice");
        pair.senderClient().awaitPacket(Expect.ackOf(message.fp()));
        pair.senderClient().assertNothingMore(Expect.ackOf(message.fp()), QUIET);
        assertThat(pair.receiverClient().inbox().matching(Expect.dataWithFp(message.fp()))).hasSize(2);
        await().atMost(RawClient.TIMEOUT).until(() -> server.listener().delivered(message.fp()).size() == 1);
        assertThat(server.offline().calls(message.fp())).isEmpty();
    }

    @ParameterizedTest(name = "section 9.5: a sender re-send after the receiver's ACK is ACKed again, not forwarded, on {0}")
    @EnumSource(Transport.class)
    void senderRetransmissionAfterDeliveryIsAckedAgain(Transport transport) {
        UserPair pair = im.loggedInPair(transport);
        Packet message = Wire.data(pair.sender(), pair.receiver(), "once", true);
        pair.senderClient().send(message);
        pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        pair.receiverClient().send(Wire.ack(pair.receiver(), pair.sender(), message.fp()));
        pair.senderClient().awaitPacket(Expect.ackOf(message.fp()));

        pair.senderClient().send(message);

        assertThat(pair.senderClient().awaitPacket(Expect.ackOf(message.fp())).from()).isEqualTo(pair.receiver());
        pair.receiverClient().assertNothingMore(Expect.dataWithFp(message.fp()), QUIET);
        assertThat(im.listener().delivered(message.fp())).hasSize(1);
    }

    @ParameterizedTest(name = "section 6.3: a re-send follows the receiver to its new session on {0}")
    @EnumSource(Transport.class)
    void resendFollowsTheReceiverToItsNewSession(Transport transport) {
        UserPair pair = im.loggedInPair(transport);
        Packet message = Wire.data(pair.sender(), pair.receiver(), "find me", true);
        pair.senderClient().send(message);
        pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        RawClient reconnected = im.connect(transport);

        assertThat(reconnected.login(pair.receiver(), "tk", 0).code()).isZero();

        reconnected.awaitPacket(Expect.dataWithFp(message.fp()));
        reconnected.send(Wire.ack(pair.receiver(), pair.sender(), message.fp()));
        assertThat(pair.senderClient().awaitPacket(Expect.ackOf(message.fp())).from()).isEqualTo(pair.receiver());
        assertThat(im.offline().calls(message.fp())).isEmpty();
    }

    @ParameterizedTest(name = "section 9.1: a C2C with QoS true but no fp is relayed as non-QoS on {0}")
    @EnumSource(Transport.class)
    void qosWithoutFingerprintIsNotTracked(Transport transport) {
        UserPair pair = im.loggedInPair(transport);
        Packet message = new Packet(false, PacketType.DATA, "no fp", pair.sender(), pair.receiver(), null, true, 0,
                Packet.UNSET);

        pair.senderClient().send(message);

        pair.receiverClient().awaitPacket(Expect.dataWithContent("no fp"));
        pair.receiverClient().assertNothingMore(Expect.dataWithContent("no fp"), QUIET.multipliedBy(3));
        assertThat(pair.senderClient().received()).noneMatch(Expect.type(PacketType.ACK));
        assertThat(im.offline().callsFor(pair.receiver())).isEmpty();
    }

    @ParameterizedTest(name = "item 28: a receiver that never ACKs gets it twice, then the offline handler (accepts: {1}) on {0}")
    @MethodSource("acceptOrRefuse")
    void receiverThatNeverAcksEndsInTheOfflineHandler(Transport transport, boolean accept) {
        UserPair pair = im.loggedInPair(transport);
        im.offline().accept(accept);
        Packet message = Wire.data(pair.sender(), pair.receiver(), "are you there?", true);
        long sentAt = System.nanoTime();

        pair.senderClient().send(message);

        pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        await().atMost(RawClient.TIMEOUT).until(() -> im.offline().calls(message.fp()).size() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(RECEIVER_ACK_TIMEOUT);
        assertThat(im.offline().calls(message.fp()).get(0).dataContent()).isEqualTo("are you there?");
        if (accept) {
            Packet pseudoAck = pair.senderClient().awaitPacket(Expect.ackOf(message.fp()));
            assertThat(pseudoAck).isEqualTo(Wire.ack(pair.receiver(), pair.sender(), message.fp()));
            await().atMost(RawClient.TIMEOUT).until(() -> im.listener().storedOffline(message.fp()).size() == 1);
        }
        else {
            await().atMost(RawClient.TIMEOUT).until(() -> im.listener().undeliverable(message.fp()).size() == 1);
            pair.senderClient().assertNothingMore(Expect.ackOf(message.fp()), QUIET);
        }
        assertThat(im.offline().calls(message.fp())).hasSize(1);
        assertThat(im.listener().delivered(message.fp())).isEmpty();
    }

    @ParameterizedTest(name = "item 30: a QoS C2C to an offline user goes to the offline handler (accepts: {1}) on {0}")
    @MethodSource("acceptOrRefuse")
    void offlineReceiverIsHandedOff(Transport transport, boolean accept) {
        String sender = im.newUserId("to-offline");
        String absent = im.newUserId("absent");
        RawClient senderClient = im.loggedIn(transport, sender);
        im.offline().accept(accept);
        Packet message = Wire.data(sender, absent, "for later", true);

        senderClient.send(message);

        await().atMost(RawClient.TIMEOUT).until(() -> im.offline().calls(message.fp()).size() == 1);
        assertThat(im.offline().calls(message.fp()).get(0)).isEqualTo(message);
        if (accept) {
            Packet pseudoAck = senderClient.awaitPacket(Expect.ackOf(message.fp()));
            assertThat(pseudoAck).isEqualTo(Wire.ack(absent, sender, message.fp()));
            await().atMost(RawClient.TIMEOUT).until(() -> im.listener().storedOffline(message.fp()).size() == 1);
        }
        else {
            await().atMost(RawClient.TIMEOUT).until(() -> im.listener().undeliverable(message.fp()).size() == 1);
            senderClient.assertNothingMore(Expect.ackOf(message.fp()), QUIET);
        }
    }

    @ParameterizedTest(name = "section 10: a non-QoS C2C to an offline user is handed off and never ACKed on {0}")
    @EnumSource(Transport.class)
    void nonQosMessageToOfflineUserIsNeverAcked(Transport transport) {
        String sender = im.newUserId("plain-to-offline");
        String absent = im.newUserId("absent");
        RawClient senderClient = im.loggedIn(transport, sender);
        im.offline().accept(true);

        senderClient.send(Wire.data(sender, absent, "no receipt wanted", false));

        await().atMost(RawClient.TIMEOUT).until(() -> im.offline().callsFor(absent).size() == 1);
        senderClient.assertNothingMore(Expect.type(PacketType.ACK), QUIET);
    }

    @ParameterizedTest(name = "section 5: C2C crosses transports, {0} to every transport")
    @EnumSource(Transport.class)
    void messagesCrossTransports(Transport senderTransport) {
        String sender = im.newUserId("cross");
        RawClient senderClient = im.loggedIn(senderTransport, sender);
        for (Transport receiverTransport : Transport.values()) {
            String receiver = im.newUserId("cross-to-" + receiverTransport.key());
            RawClient receiverClient = im.loggedIn(receiverTransport, receiver);
            Packet message = Wire.data(sender, receiver, "via " + receiverTransport, true);

            senderClient.send(message);
            receiverClient.awaitPacket(Expect.dataWithFp(message.fp()));
            receiverClient.send(Wire.ack(receiver, sender, message.fp()));

            assertThat(senderClient.awaitPacket(Expect.ackOf(message.fp())).from()).isEqualTo(receiver);
        }
    }
}
