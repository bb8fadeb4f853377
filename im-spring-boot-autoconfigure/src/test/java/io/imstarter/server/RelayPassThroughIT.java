package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.DataSize;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Received;
import io.imstarter.testsupport.Wire;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A C2C message and its ACK that the server relays unchanged (stamp-server-time off, the default) are written from
 * the bytes they arrived in (section 2): they reach the other side byte for byte as the sender wrote them, on every
 * transport, and the receiving transport's outbound limit (section 5) still holds for them.
 */
class RelayPassThroughIT {

    private static final int UDP_OUTBOUND_LIMIT = 1024;

    private static final WriteRecorder WRITES = new WriteRecorder();

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension()
            .configure(config -> config.getUdp().setMaxOutboundDatagramSize(DataSize.ofBytes(UDP_OUTBOUND_LIMIT)))
            .pipelineCustomizer((transport, pipeline) -> pipeline.addLast("writeRecorder", WRITES));

    @ParameterizedTest(name = "a relayed message and its ACK arrive byte for byte as sent, from TCP to {0}")
    @EnumSource(Transport.class)
    void relayedMessageAndAckArriveByteForByteAsSent(Transport receiverTransport) {
        String sender = im.newUserId("sender");
        String receiver = im.newUserId("receiver");
        RawClient senderClient = im.loggedIn(Transport.TCP, sender);
        RawClient receiverClient = im.loggedIn(receiverTransport, receiver);
        String fp = Packet.newFingerprint();
        // Multi-byte UTF-8, the escapes Gson writes, and the sender's own sm, which travels as received.
        String message = "{\"bridge\":false,\"type\":2,\"dataContent\":\"你好 \ud83d\ude00 \\\"u2\\\" \\u003c3\","
                + "\"from\":\"" + sender + "\",\"to\":\"" + receiver + "\",\"fp\":\"" + fp
                + "\",\"QoS\":true,\"typeu\":7,\"sm\":1795329045231}";
        String ack = PacketCodec.encode(Wire.ack(receiver, sender, fp));

        senderClient.sendText(message);
        Received relayed = receiverClient.inbox().await(Expect.dataWithFp(fp), RawClient.TIMEOUT);
        receiverClient.sendText(ack);
        Received relayedAck = senderClient.inbox().await(Expect.ackOf(fp), RawClient.TIMEOUT);

        assertThat(utf8(relayed.text())).isEqualTo(utf8(message));
        assertThat(relayed.sizeBytes()).isEqualTo(utf8(message).length);
        assertThat(utf8(relayedAck.text())).isEqualTo(utf8(ack));
        assertThat(WRITES.written(PacketType.DATA, fp).utf8()).as("the message was not encoded again")
                .isEqualTo(utf8(message));
        assertThat(WRITES.written(PacketType.ACK, fp).utf8()).as("the ACK was not encoded again")
                .isEqualTo(utf8(ack));
    }

    @Test
    void relayedBodyOverTheReceiversOutboundLimitIsRefusedAndHandedOff() {
        String sender = im.newUserId("sender");
        String receiver = im.newUserId("receiver");
        RawClient senderClient = im.loggedIn(Transport.TCP, sender);
        RawClient receiverClient = im.loggedIn(Transport.UDP, receiver);
        Packet big = Wire.dataOfSize(sender, receiver, 4 * UDP_OUTBOUND_LIMIT, true);

        senderClient.send(big);

        Write refused = await().atMost(RawClient.TIMEOUT).until(() -> WRITES.find(PacketType.DATA, big.fp()),
                write -> write != null && write.failure() != null);
        assertThat(refused.packet().utf8()).as("it took the pass-through path").hasSize(4 * UDP_OUTBOUND_LIMIT);
        assertThat(refused.failure()).isInstanceOf(PacketTooLargeException.class)
                .hasMessageContaining(String.valueOf(UDP_OUTBOUND_LIMIT));
        await().atMost(RawClient.TIMEOUT).until(() -> !im.offline().calls(big.fp()).isEmpty());
        receiverClient.assertNothingMore(Expect.dataWithFp(big.fp()), Duration.ofMillis(300));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A packet a gateway wrote, and why the write failed, or null when it succeeded. */
    record Write(Packet packet, Throwable failure) {
    }

    /** Sits in front of the packet encoder and records each packet written and the outcome of its write. */
    @Sharable
    static final class WriteRecorder extends ChannelOutboundHandlerAdapter {

        private final Queue<Write> writes = new ConcurrentLinkedQueue<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            Packet packet = msg instanceof AddressedEnvelope<?, ?> envelope ? packetOrNull(envelope.content())
                    : packetOrNull(msg);
            if (packet != null) {
                promise.addListener(done -> writes.add(new Write(packet, done.cause())));
            }
            ctx.write(msg, promise);
        }

        private static Packet packetOrNull(Object msg) {
            return msg instanceof Packet packet ? packet : null;
        }

        /** The write of a type 2 with that fp, or of a type 4 for it; null when there was none (yet). */
        Write find(int type, String fp) {
            return writes.stream().filter(write -> write.packet().type() == type)
                    .filter(write -> fp.equals(type == PacketType.ACK ? write.packet().dataContent()
                            : write.packet().fp()))
                    .findFirst().orElse(null);
        }

        /** The packet of a completed write, waiting for it; fails when the write failed. */
        Packet written(int type, String fp) {
            Write write = await().atMost(RawClient.TIMEOUT).until(() -> find(type, fp), found -> found != null);
            assertThat(write.failure()).isNull();
            return write.packet();
        }
    }
}
