package io.imstarter.bench.jmh;

import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
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
 * Encode ({@link PacketCodec#encodeToBytes}, what the gateways write) and decode ({@link PacketCodec#decode(String)},
 * what the server core reads) of the packets a running server handles most. Run with {@code -prof gc} for
 * {@code gc.alloc.rate.norm}, the bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketCodecBenchmark {

    private static final String FP = "f44b59ea-1c3d-4e4f-9a0b-2c3d4e5f6a7b";

    @Param({ "login", "keepAlive", "keepAliveReply", "c2c", "ack", "error" })
    public String kind;

    private Packet packet;

    private String wire;

    private ByteBuf frame;

    @Setup
    public void setUp() {
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
        wire = PacketCodec.encode(packet);
        frame = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(wire.getBytes(StandardCharsets.UTF_8));
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

    /** What the TCP gateway and the server core do with a received body in a pooled buffer. */
    @Benchmark
    public Packet decodeFrame() throws MalformedPacketException {
        frame.readerIndex(0);
        return PacketCodec.decode(frame.readCharSequence(frame.readableBytes(), StandardCharsets.UTF_8).toString());
    }

    /** What the packet encoder does: the body into a pooled IO buffer, released here as the socket would. */
    @Benchmark
    public int encodeIntoBuffer() {
        byte[] body = PacketCodec.encodeToBytes(packet);
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.ioBuffer(body.length).writeBytes(body);
        int written = buffer.readableBytes();
        buffer.release();
        return written;
    }
}
