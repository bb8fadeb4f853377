package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/** {@link ImPipeline#WS_FRAME_ENCODER}: one packet body goes out as one text message (section 5). */
@Sharable
final class WebSocketFrameEncoder extends MessageToMessageEncoder<ByteBuf> {

    static final WebSocketFrameEncoder INSTANCE = new WebSocketFrameEncoder();

    private WebSocketFrameEncoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf body, List<Object> out) {
        out.add(new TextWebSocketFrame(body.retain()));
    }
}
