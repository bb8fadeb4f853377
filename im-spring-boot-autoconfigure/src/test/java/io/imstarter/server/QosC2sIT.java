package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checklist items 25 and 26: C2S QoS, de-duplication and the message interceptor (sections 9.3, 9.4). */
class QosC2sIT {

    private static final Duration QUIET = Duration.ofMillis(400);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().withInterceptor();

    @ParameterizedTest(name = "item 26: a QoS C2S is ACKed from \"0\"; the same fp again is ACKed but delivered once on {0}")
    @EnumSource(Transport.class)
    void duplicateC2sIsAckedAgainButDeliveredOnce(Transport transport) {
        String user = im.newUserId("c2s");
        RawClient client = im.loggedIn(transport, user);
        Packet message = Wire.c2s(user, "report", true);

        client.send(message);
        Packet firstAck = client.awaitPacket(Expect.ackOf(message.fp()));
        client.send(message);
        Packet secondAck = client.awaitPacket(Expect.ackOf(message.fp()));

        for (Packet ack : new Packet[] {firstAck, secondAck}) {
            assertThat(ack.from()).isEqualTo(UserIds.SERVER);
            assertThat(ack.to()).isEqualTo(user);
            assertThat(ack.qos()).isFalse();
        }
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().c2sReceived(user).size() == 1);
        await().during(QUIET).atMost(RawClient.TIMEOUT).until(() -> im.listener().c2sReceived(user).size() == 1);
        assertThat(im.listener().c2sReceived(user).get(0).dataContent()).isEqualTo("report");
    }

    @ParameterizedTest(name = "section 9.3: de-duplication is per sender: another user's message with the same fp is delivered on {0}")
    @EnumSource(Transport.class)
    void deduplicationIsKeyedBySender(Transport transport) {
        String first = im.newUserId("c2s-one");
        String second = im.newUserId("c2s-two");
        RawClient firstClient = im.loggedIn(transport, first);
        RawClient secondClient = im.loggedIn(transport, second);
        String sharedFp = Packet.newFingerprint();

        firstClient.send(Packet.of(PacketType.DATA, "from one", first, UserIds.SERVER, sharedFp, true, 0));
        secondClient.send(Packet.of(PacketType.DATA, "from two", second, UserIds.SERVER, sharedFp, true, 0));

        firstClient.awaitPacket(Expect.ackOf(sharedFp));
        secondClient.awaitPacket(Expect.ackOf(sharedFp));
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().c2sReceived(first).size() == 1
                && im.listener().c2sReceived(second).size() == 1);
    }

    @ParameterizedTest(name = "section 9.4: a non-QoS C2S is delivered and never ACKed on {0}")
    @EnumSource(Transport.class)
    void nonQosC2sIsDeliveredWithoutAck(Transport transport) {
        String user = im.newUserId("c2s-plain");
        RawClient client = im.loggedIn(transport, user);

        client.send(Wire.c2s(user, "fire and forget", false));

        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().c2sReceived(user).size() == 1);
        client.assertNothingMore(Expect.type(PacketType.ACK), QUIET);
    }

    @ParameterizedTest(name = "section 7: one connection's packets are handled in arrival order on {0}")
    @EnumSource(Transport.class)
    void packetsOfOneConnectionAreHandledInOrder(Transport transport) {
        String user = im.newUserId("ordered");
        RawClient client = im.loggedIn(transport, user);
        List<Packet> sent = IntStream.range(0, 50).mapToObj(i -> Wire.c2s(user, "n" + i, true)).toList();

        sent.forEach(client::send);

        for (Packet message : sent) {
            client.awaitPacket(Expect.ackOf(message.fp()));
        }
        List<String> acked = client.received().stream().filter(Expect.type(PacketType.ACK))
                .map(Packet::dataContent).toList();
        assertThat(acked).containsExactlyElementsOf(sent.stream().map(Packet::fp).toList());
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().c2sReceived(user).size() == sent.size());
        assertThat(im.listener().c2sReceived(user)).extracting(Packet::dataContent)
                .containsExactlyElementsOf(sent.stream().map(Packet::dataContent).toList());
    }

    @ParameterizedTest(name = "item 25: an interceptor refusal gets 52/306; nothing is delivered or ACKed on {0}")
    @EnumSource(Transport.class)
    void interceptorRefusalIsReported(Transport transport) {
        String user = im.newUserId("vetoed");
        String peer = im.newUserId("vetoed-peer");
        RawClient client = im.loggedIn(transport, user);
        RawClient peerClient = im.loggedIn(transport, peer);
        im.interceptor((message, sender) -> !message.dataContent().contains("forbidden"));
        Packet c2s = Wire.c2s(user, "forbidden c2s", true);
        Packet c2c = Wire.data(user, peer, "forbidden c2c", true);

        client.send(c2s);
        client.send(c2c);

        for (Packet refused : new Packet[] {c2s, c2c}) {
            Packet error = client.awaitPacket(Expect.error(ErrorCode.REFUSED));
            assertThat(error.to()).isEqualTo(user);
            assertThat(Expect.errorOf(error).errorMsg()).endsWith(" fp=" + refused.fp())
                    .doesNotContain(refused.dataContent());
        }
        peerClient.assertNothingMore(Expect.type(PacketType.DATA), QUIET);
        assertThat(client.received()).noneMatch(Expect.type(PacketType.ACK));
        assertThat(im.listener().c2sReceived(user)).isEmpty();
        assertThat(im.offline().calls(c2c.fp())).isEmpty();
        Packet allowed = Wire.c2s(user, "fine", true);
        client.send(allowed);
        client.awaitPacket(Expect.ackOf(allowed.fp()));
    }
}
