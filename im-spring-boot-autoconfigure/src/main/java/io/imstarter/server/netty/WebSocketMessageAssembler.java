package io.imstarter.server.netty;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.server.InboundFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reassembles fragmented messages into {@link InboundFrame}s. A binary message is rejected (304) and a text message
 * over the limit is rejected (303); both are discarded fragment by fragment, never buffered, and the connection
 * stays open. A protocol error of Netty's decoder or UTF-8 validator (a frame past the hard ceiling, a violation, bad
 * UTF-8) is answered with exactly one close frame carrying its status (1009, 1002, 1007), then the close. One
 * instance per channel.
 */
final class WebSocketMessageAssembler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WebSocketMessageAssembler.class);

    private enum Mode {
        IDLE, TEXT, BINARY, OVERSIZED
    }

    private final int maxMessage;
    private Mode mode = Mode.IDLE;
    private CompositeByteBuf text;
    private long size;

    WebSocketMessageAssembler(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TextWebSocketFrame) && !(msg instanceof BinaryWebSocketFrame)
                && !(msg instanceof ContinuationWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        try {
            if (!(frame instanceof ContinuationWebSocketFrame)) {
                reset();
                size = 0;
                mode = frame instanceof BinaryWebSocketFrame ? Mode.BINARY : Mode.TEXT;
            }
            else if (mode == Mode.IDLE) {
                return;
            }
            size += frame.content().readableBytes();
            if (mode == Mode.TEXT && size > maxMessage) {
                reset();
                mode = Mode.OVERSIZED;
            }
            if (mode == Mode.TEXT && text == null && frame.isFinalFragment()) {
                // A whole message in one frame, the common case: copied straight out, no composite buffer.
                mode = Mode.IDLE;
                ctx.fireChannelRead(InboundFrame.of(ByteBufUtil.getBytes(frame.content())));
                return;
            }
            if (mode == Mode.TEXT) {
                append(ctx, frame.content());
            }
            if (frame.isFinalFragment()) {
                finish(ctx);
            }
        }
        finally {
            frame.release();
        }
    }

    private void append(ChannelHandlerContext ctx, ByteBuf content) {
        if (text == null) {
            text = ctx.alloc().compositeBuffer();
        }
        text.addComponent(true, content.retain());
    }

    private void finish(ChannelHandlerContext ctx) {
        InboundFrame frame = switch (mode) {
            case TEXT -> InboundFrame.of(ByteBufUtil.getBytes(text));
            case BINARY -> InboundFrame.rejected(ErrorCode.MALFORMED,
                    "Binary WebSocket messages are not accepted; send each packet as a text message");
            case OVERSIZED -> InboundFrame.rejected(ErrorCode.TOO_LARGE, "The WebSocket message of " + size
                    + " bytes is over the limit of " + maxMessage + " bytes");
            case IDLE -> null;
        };
        reset();
        mode = Mode.IDLE;
        if (frame != null) {
            ctx.fireChannelRead(frame);
        }
    }

    private void reset() {
        if (text != null) {
            text.release();
            text = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof CorruptedWebSocketFrameException violation)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        log.debug("IM WebSocket {} broke the protocol; closing it", ctx.channel().remoteAddress(), violation);
        // Written from the tail, so that wsProtocol records the close frame as sent and adds none of its own.
        ctx.channel().writeAndFlush(new CloseWebSocketFrame(violation.closeStatus()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        reset();
    }
}
