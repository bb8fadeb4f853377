package io.imstarter.bench.jmh;

import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a running server does with the packets it handles most: decode a received body from its bytes
 * ({@link PacketCodec#decode(byte[])}, and from the pooled buffer the TCP gateway reads into), encode a packet into
 * a pooled IO buffer as the packet encoder does, and write a relayed packet from the bytes it arrived in; plus the
 * plain {@link PacketCodec#encodeToBytes}. Run with {@code -prof gc} for {@code gc.alloc.rate.norm}, the bytes
 * allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketCodecBenchmark {

    private static final String FP = "f44b59ea-1c3d-4e4f-9a0b-2c3d4e5f6a7b";

    @Param({ "login", "keepAlive", "keepAliveReply", "c2c", "ack", "error" })
    public String kind;

    private Packet packet;

    private byte[] wire;

    private ByteBuf frame;

    /** The packet as decoded from {@link #wire}, remembering it: what the server relays. */
    private Packet relayed;

    /** The packet encoder's per-thread scratch array. */
    private final byte[] scratch = new byte[512];

    @Setup
    public void setUp() throws MalformedPacketException {
        packet = switch (kind) {
            case "login" -> Packet.control(PacketType.LOGIN,
                    PacketCodec.encodePayload(new LoginInfo("u1", "tk", null, 0)), "u1", "0");
            case "keepAlive" -> Packet.control(PacketType.KEEP_ALIVE, "{}", "u1", "0");
            case "keepAliveReply" -> Packet.control(PacketType.KEEP_ALIVE_RESPONSE, "{}", "0", "u1");
            case "c2c" -> Packet.of(PacketType.DATA, "你好 u2, see you at 8?", "u1", "u2", FP, true, 7);
            case "ack" -> Packet.control(PacketType.ACK, FP, "u2", "u1");
            case "error" -> Packet.control(PacketType.ERROR, PacketCodec.encodePayload(
                    new ErrorResponse(302, "from u9 does not match the logged-in user u1 fp=7d1e")), "0", "u1");
            default -> throw new IllegalArgumentException("Unknown packet kind " + kind);
        };
        wire = PacketCodec.encodeToBytes(packet);
        frame = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(wire);
        relayed = PacketCodec.decode(wire);
        if (relayed.utf8() == null) {
            throw new IllegalStateException("The codec's own bytes of " + kind + " should be remembered");
        }
    }

    @TearDown
    public void tearDown() {
        frame.release();
    }

    @Benchmark
    public byte[] encode() {
        return PacketCodec.encodeToBytes(packet);
    }

    @Benchmark
    public Packet decode() throws MalformedPacketException {
        return PacketCodec.decode(wire);
    }

    /** What the TCP gateway and the server core do with a received body in a pooled buffer: one copy, one decode. */
    @Benchmark
    public Packet decodeFrame() throws MalformedPacketException {
        frame.readerIndex(0);
        byte[] body = new byte[frame.readableBytes()];
        frame.readBytes(body);
        return PacketCodec.decode(body);
    }

    /** What the packet encoder does: measure, encode into its scratch, copy into a pooled IO buffer. */
    @Benchmark
    public int encodeIntoBuffer() {
        int size = PacketCodec.encodedSize(packet);
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.ioBuffer(size);
        PacketCodec.encodeInto(packet, scratch, 0);
        buffer.writeBytes(scratch, 0, size);
        return release(buffer);
    }

    /** What the packet encoder does with a packet relayed unchanged: its received bytes into a pooled IO buffer. */
    @Benchmark
    public int passThrough() {
        byte[] body = relayed.utf8();
        return release(PooledByteBufAllocator.DEFAULT.ioBuffer(body.length).writeBytes(body));
    }

    /** Releases the buffer as the socket would once written; its size, so that the work is not dead. */
    private static int release(ByteBuf buffer) {
        int written = buffer.readableBytes();
        buffer.release();
        return written;
    }
}
