package io.imstarter.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.server.OutboundBacklogException;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** A UDP peer's writes go out of the shared channel, and fail at once while that channel cannot take more. */
class UdpConnectionTest {

    private static final Packet PACKET = Packet.control(PacketType.KEEP_ALIVE_RESPONSE, "{}", "0", "user");

    private final EmbeddedChannel channel = new EmbeddedChannel(new PacketEncoder(Transport.UDP, 1024));
    private final UdpConnection peer = new UdpConnection(new InetSocketAddress("127.0.0.1", 40000), channel,
            new RecordingHub(), forgotten -> { });

    @Test
    void writesADatagramToThePeerWhileTheChannelIsWritable() {
        CompletableFuture<Void> written = peer.write(PACKET);
        channel.runPendingTasks();

        assertThat(written).succeedsWithin(Duration.ofSeconds(1));
        DatagramPacket datagram = channel.readOutbound();
        assertThat(datagram.recipient()).isEqualTo(peer.remoteAddress());
        datagram.release();
    }

    @Test
    void failsAtOnceWhileTheSharedChannelIsNotWritable() {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(16, 32));
        channel.write(Unpooled.wrappedBuffer(new byte[64]));
        assertThat(channel.isWritable()).isFalse();

        CompletableFuture<Void> refused = peer.write(PACKET);

        assertThat(refused).failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(OutboundBacklogException.class).withMessageContaining("UDP channel");
        channel.flush();
        channel.releaseOutbound();
    }
}
