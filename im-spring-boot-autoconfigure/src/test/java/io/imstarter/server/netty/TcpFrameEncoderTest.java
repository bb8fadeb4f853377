package io.imstarter.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Section 5's TCP framing on the way out: one buffer per packet, the length first, the body released. */
class TcpFrameEncoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(TcpFrameEncoder.INSTANCE);

    @Test
    void prefixesTheBodyWithItsLengthInOneBuffer() {
        ByteBuf body = Unpooled.copiedBuffer("{\"type\":66}", StandardCharsets.UTF_8);

        ChannelFuture written = channel.writeAndFlush(body);

        ByteBuf frame = channel.readOutbound();
        assertThat(written.isSuccess()).isTrue();
        assertThat(frame.readInt()).isEqualTo(11);
        assertThat(frame.toString(StandardCharsets.UTF_8)).isEqualTo("{\"type\":66}");
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(body.refCnt()).isZero();
        frame.release();
    }

    @Test
    void framesOnlyTheReadablePartOfTheBody() {
        ByteBuf body = Unpooled.copiedBuffer("skip{}", StandardCharsets.UTF_8);
        body.skipBytes(4);

        channel.writeAndFlush(body);

        ByteBuf frame = channel.readOutbound();
        assertThat(frame.readInt()).isEqualTo(2);
        assertThat(frame.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
        frame.release();
    }

    @Test
    void passesOtherMessagesOnUntouched() {
        Object other = "not a buffer";

        channel.writeAndFlush(other);

        assertThat((Object) channel.readOutbound()).isSameAs(other);
    }
}
