package io.imstarter.server.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.server.InboundFrame;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Section 5 TCP framing on an {@link EmbeddedChannel}: a limit of 256 bytes, at most 1024 bytes discarded. */
class TcpFrameDecoderTest {

    private static final int MAX_BODY = 256;
    private static final int MAX_DISCARD = 1024;

    private final TcpFrameDecoder decoder = new TcpFrameDecoder(MAX_BODY, MAX_DISCARD);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    @Test
    void framesSplitAcrossReadsAndPackedIntoOneReadAreEachDecoded() {
        byte[] both = concat(frame("{\"a\":1}"), frame("{\"b\":2}"));

        write(Arrays.copyOfRange(both, 0, 3));
        write(Arrays.copyOfRange(both, 3, 13));
        write(Arrays.copyOfRange(both, 13, both.length));

        assertThat(read().json()).isEqualTo("{\"a\":1}");
        assertThat(read().json()).isEqualTo("{\"b\":2}");
        assertThat(Buffered.bytesIn(decoder)).isZero();
    }

    @Test
    void zeroLengthIsRejectedWith304AndTheNextFrameIsRead() {
        write(concat(header(0), frame("{}")));

        assertThat(read().errorCode()).isEqualTo(ErrorCode.MALFORMED);
        assertThat(read().json()).isEqualTo("{}");
    }

    @Test
    void bodyAtTheLimitIsDecoded() {
        String body = "x".repeat(MAX_BODY);

        write(frame(body));

        assertThat(read().json()).isEqualTo(body);
    }

    @Test
    void oversizedBodyIsRejectedWith303AndSkippedAsItArrivesWithoutBuffering() {
        write(header(MAX_BODY + 1));
        InboundFrame rejection = read();
        for (int sent = 0; sent < MAX_BODY + 1; sent += 64) {
            write(new byte[Math.min(64, MAX_BODY + 1 - sent)]);
            assertThat(Buffered.bytesIn(decoder)).isZero();
        }
        write(frame("{}"));

        assertThat(rejection.errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(rejection.errorMessage()).contains("257").contains("256");
        assertThat(read().json()).isEqualTo("{}");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void hugePrefixFailsOnceMoreThanMaxDiscardBytesWereSkipped() {
        write(header(0xFFFF_FFFFL));
        assertThat(read().errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
        write(new byte[MAX_DISCARD]);

        assertThatThrownBy(() -> write(new byte[1])).isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining(String.valueOf(MAX_DISCARD));
        write(frame("{}"));
        assertThat((Object) channel.readInbound()).as("nothing is decoded after the failure").isNull();
    }

    @Test
    void partialFrameBuffersAtMostOneHeaderAndOneBody() {
        byte[] frame = frame("y".repeat(MAX_BODY));

        write(Arrays.copyOf(frame, frame.length - 1));

        assertThat(Buffered.bytesIn(decoder)).isEqualTo(frame.length - 1);
        assertThat((Object) channel.readInbound()).isNull();
    }

    private void write(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    private InboundFrame read() {
        InboundFrame frame = channel.readInbound();
        assertThat(frame).as("a decoded frame").isNotNull();
        return frame;
    }

    static byte[] header(long length) {
        return ByteBuffer.allocate(4).putInt((int) length).array();
    }

    static byte[] frame(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return concat(header(bytes.length), bytes);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
