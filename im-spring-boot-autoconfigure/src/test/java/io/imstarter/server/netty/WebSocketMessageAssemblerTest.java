package io.imstarter.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.server.InboundFrame;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Section 5 WebSocket messages on an {@link EmbeddedChannel}, with a limit of 100 bytes. */
class WebSocketMessageAssemblerTest {

    private static final int MAX_MESSAGE = 100;

    private final WebSocketMessageAssembler assembler = new WebSocketMessageAssembler(MAX_MESSAGE);
    private final EmbeddedChannel channel = new EmbeddedChannel(assembler);

    @Test
    void fragmentsMakeOneMessage() {
        WebSocketFrame first = new TextWebSocketFrame(false, 0, "{\"a\":");
        WebSocketFrame last = new ContinuationWebSocketFrame(true, 0, "1}");

        channel.writeInbound(first, last);

        assertThat(read().json()).isEqualTo("{\"a\":1}");
        assertThat(first.refCnt()).isZero();
        assertThat(last.refCnt()).isZero();
    }

    @Test
    void characterSplitAcrossFragmentsArrivesAsItsUtf8Bytes() {
        byte[] body = "{\"a\":\"你好\"}".getBytes(StandardCharsets.UTF_8);
        int cut = 7;
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.copiedBuffer(body, 0, cut)),
                new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer(body, cut, body.length - cut)));

        assertThat(read().utf8()).isEqualTo(body);
    }

    @Test
    void messageOverTheLimitIsRejectedWith303AndDiscardedFragmentByFragment() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, "x".repeat(60)));
        channel.writeInbound(new ContinuationWebSocketFrame(false, 0, "x".repeat(60)));
        assertThat(Buffered.bytesIn(assembler)).isZero();
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, "x".repeat(60)));
        channel.writeInbound(new TextWebSocketFrame("{}"));

        InboundFrame rejection = read();
        assertThat(rejection.errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(rejection.errorMessage()).contains("180").contains("100");
        assertThat(read().json()).isEqualTo("{}");
    }

    @Test
    void binaryMessageIsRejectedWith304() {
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2})));

        assertThat(read().errorCode()).isEqualTo(ErrorCode.MALFORMED);
    }

    @Test
    void continuationWithoutAStartIsIgnored() {
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, "stray"), new TextWebSocketFrame("{}"));

        assertThat(read().json()).isEqualTo("{}");
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void protocolErrorIsAnsweredWithOneCloseFrameCarryingItsStatus() {
        channel.pipeline().fireExceptionCaught(
                new CorruptedWebSocketFrameException(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "bad UTF-8"));

        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1007);
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
        close.release();
    }

    private InboundFrame read() {
        InboundFrame frame = channel.readInbound();
        assertThat(frame).as("an assembled message").isNotNull();
        return frame;
    }
}
