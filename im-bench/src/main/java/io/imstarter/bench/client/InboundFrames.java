package io.imstarter.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/** Last handler of every load pipeline: unwraps a TCP body, UDP datagram or WebSocket text into the connection. */
@Sharable
final class InboundFrames extends ChannelInboundHandlerAdapter {

    static final AttributeKey<LeanConnection> CONNECTION = AttributeKey.valueOf("im-bench.connection");

    static final InboundFrames INSTANCE = new InboundFrames();

    private InboundFrames() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            ByteBuf body = null;
            if (msg instanceof ByteBuf buf) {
                body = buf;
            }
            else if (msg instanceof DatagramPacket datagram) {
                body = datagram.content();
            }
            else if (msg instanceof TextWebSocketFrame text) {
                body = text.content();
            }
            LeanConnection connection = ctx.channel().attr(CONNECTION).get();
            if (body != null && connection != null) {
                connection.onInbound(body);
            }
        }
        finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Replies written while reading (ACKs, the next message of a window) leave in one flush per read batch. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset peer or a refused datagram ends this connection only; the close is counted by the connection.
        ctx.close();
    }
}
