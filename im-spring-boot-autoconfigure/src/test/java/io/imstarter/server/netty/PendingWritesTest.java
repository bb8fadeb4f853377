package io.imstarter.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.server.OutboundBacklogException;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * {@link PendingWrites} on an {@link EmbeddedChannel} whose writes do not complete until the test says so, as on a
 * socket whose peer does not read.
 */
class PendingWritesTest {

    private static final Packet PACKET = Packet.control(PacketType.KEEP_ALIVE_RESPONSE, "{}", "0", "user");
    private static final int SIZE = PendingWrites.estimate(PACKET);

    private final List<ChannelPromise> held = new ArrayList<>();
    private final List<Object> written = new ArrayList<>();
    private int flushes;
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            written.add(msg);
            held.add(promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
        }
    });

    @Test
    void writesABurstInOrderWithOneFlush() {
        PendingWrites pending = new PendingWrites(channel, null, 10L * SIZE);
        List<Packet> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Packet packet = Packet.of(PacketType.DATA, "m" + i, "alice", "bob", "fp" + i, true, 0);
            burst.add(packet);
            pending.write("test connection", packet);
        }
        assertThat(written).as("nothing is written before the event loop runs").isEmpty();

        channel.runPendingTasks();

        assertThat(written).containsExactlyElementsOf(burst);
        assertThat(flushes).isEqualTo(1);
    }

    @Test
    void addressesEachPacketToTheUdpPeer() {
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 7901);
        PendingWrites pending = new PendingWrites(channel, peer, SIZE);

        pending.write("udp peer", PACKET);
        channel.runPendingTasks();

        assertThat(written).singleElement().isInstanceOfSatisfying(AddressedEnvelope.class, envelope -> {
            assertThat(envelope.content()).isSameAs(PACKET);
            assertThat(envelope.recipient()).isEqualTo(peer);
        });
    }

    @Test
    void failsAWriteAtOnceWhenItWouldPassTheLimit() {
        PendingWrites pending = new PendingWrites(channel, null, 3L * SIZE);
        for (int i = 0; i < 3; i++) {
            assertThat(write(pending).toCompletableFuture()).isNotDone();
        }

        CompletionStage<Void> refused = write(pending);

        assertThat(refused.toCompletableFuture()).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(OutboundBacklogException.class).withMessageContaining("limit of " + 3 * SIZE);
        assertThat(held).as("the refused packet never reached the channel").hasSize(3);
        assertThat(pending.bytes()).isEqualTo(3L * SIZE);
    }

    @Test
    void completedWritesMakeRoomAgain() {
        PendingWrites pending = new PendingWrites(channel, null, 2L * SIZE);
        CompletionStage<Void> first = write(pending);
        write(pending);
        assertThat(write(pending).toCompletableFuture()).isCompletedExceptionally();

        held.get(0).setSuccess();

        assertThat(first.toCompletableFuture()).isCompleted();
        assertThat(pending.bytes()).isEqualTo(SIZE);
        assertThat(write(pending).toCompletableFuture()).isNotDone();
    }

    @Test
    void failedWritesReleaseTheirBytesToo() {
        PendingWrites pending = new PendingWrites(channel, null, SIZE);
        CompletionStage<Void> first = write(pending);

        held.get(0).setFailure(new IllegalStateException("closed"));

        assertThat(first.toCompletableFuture()).isCompletedExceptionally();
        assertThat(pending.bytes()).isZero();
    }

    @Test
    void estimatesAPacketAsItsTextPlusTheEnvelope() {
        Packet big = Packet.of(PacketType.DATA, "x".repeat(5000), "alice", "bob", null, true, 0);

        assertThat(PendingWrites.estimate(big)).isBetween(5000 + 5 + 3 + 36, 5000 + 5 + 3 + 36 + 128);
    }

    private CompletionStage<Void> write(PendingWrites pending) {
        CompletionStage<Void> write = pending.write("test connection", PACKET);
        channel.runPendingTasks();
        return write;
    }
}
