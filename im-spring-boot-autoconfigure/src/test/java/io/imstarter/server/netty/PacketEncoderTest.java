package io.imstarter.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.server.PacketTooLargeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Section 5's outbound side: what {@link PacketEncoder} writes for a packet (on TCP, framed by the
 * {@link TcpFrameEncoder} in the room it left for the length), and what it refuses.
 */
class PacketEncoderTest {

    private static final int LIMIT = 256;

    private final EmbeddedChannel channel = new EmbeddedChannel(TcpFrameEncoder.INSTANCE,
            new PacketEncoder(Transport.TCP, LIMIT));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @ParameterizedTest(name = "direct IO buffers: {0}")
    @ValueSource(booleans = { true, false })
    void encodesAPacketIntoTheIoBufferAsTheCodecDoes(boolean direct) {
        channel.config().setAllocator(new UnpooledByteBufAllocator(direct));
        Packet packet = Packet.of(PacketType.DATA, "你好 <u2> \ud83d\ude00", "u1", "u2", null, true, 7);

        channel.writeOutbound(packet, packet.withType(PacketType.ECHO_RESPONSE));

        assertThat(readBody()).isEqualTo(PacketCodec.encodeToBytes(packet));
        assertThat(readBody()).isEqualTo(PacketCodec.encodeToBytes(packet.withType(PacketType.ECHO_RESPONSE)));
    }

    @Test
    void writesARelayedPacketFromTheBytesItArrivedIn() {
        byte[] received = "{\"type\":2,\"as\":\"received\"}".getBytes(StandardCharsets.UTF_8);
        Packet relayed = new Packet(false, PacketType.DATA, "x", "u1", "u2", "f1", true, 0, 0, received);

        channel.writeOutbound(relayed);

        assertThat(readBody()).isEqualTo(received);
    }

    @Test
    void addressesTheBodyToItsUdpPeer() {
        EmbeddedChannel udp = new EmbeddedChannel(new PacketEncoder(Transport.UDP, LIMIT));
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 7901);
        Packet packet = Packet.control(PacketType.KEEP_ALIVE_RESPONSE, "{}", "0", "u1");

        udp.writeOutbound(new DefaultAddressedEnvelope<>(packet, peer));

        DatagramPacket datagram = udp.readOutbound();
        assertThat(datagram.recipient()).isEqualTo(peer);
        assertThat(ByteBufUtil.getBytes(datagram.content())).isEqualTo(PacketCodec.encodeToBytes(packet));
        datagram.release();
        udp.finishAndReleaseAll();
    }

    @Test
    void refusesAnEncodedOrRelayedBodyOverTheLimitAndWritesNothing() {
        Packet encoded = Packet.control(PacketType.DATA, "x".repeat(LIMIT), "u1", "u2");
        Packet relayed = new Packet(false, PacketType.ACK, "f1", "u2", "u1", null, false, -1, -1, new byte[LIMIT + 1]);

        ChannelFuture encodedWrite = channel.writeOneOutbound(encoded);
        ChannelFuture relayedWrite = channel.writeOneOutbound(relayed);
        channel.flushOutbound();

        assertThat(encodedWrite.cause()).isInstanceOf(PacketTooLargeException.class);
        assertThat(relayedWrite.cause()).isInstanceOf(PacketTooLargeException.class)
                .hasMessageContaining(String.valueOf(LIMIT + 1));
        assertThat((Object) channel.readOutbound()).isNull();
    }

    /** The body of the next TCP frame, whose length header must match it. */
    private byte[] readBody() {
        ByteBuf frame = channel.readOutbound();
        try {
            assertThat(frame.readInt()).isEqualTo(frame.readableBytes());
            return ByteBufUtil.getBytes(frame);
        }
        finally {
            frame.release();
        }
    }
}
