package io.imstarter.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One aggregated text message is one packet body (section 5); bodies go out as text frames. */
@Sharable
final class WebSocketTextCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    static final WebSocketTextCodec INSTANCE = new WebSocketTextCodec();

    private static final Logger log = LoggerFactory.getLogger(WebSocketTextCodec.class);

    private WebSocketTextCodec() {
        super(WebSocketFrame.class, ByteBuf.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf body, List<Object> out) {
        out.add(new TextWebSocketFrame(body.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof TextWebSocketFrame) {
            out.add(frame.content().retain());
        }
        else {
            log.warn("Ignored a {} from the server {}: packets travel as text messages",
                    frame.getClass().getSimpleName(), ctx.channel().remoteAddress());
        }
    }
}
