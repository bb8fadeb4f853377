package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * {@link ImPipeline#FRAME_ENCODER} on TCP: the 4-byte body length and the body, in one buffer (section 5). Netty's
 * {@code LengthFieldPrepender} writes the header as a buffer of its own, which splits every write in two and costs
 * two more promises and a combiner per packet; copying a packet body is cheaper than that.
 */
@Sharable
final class TcpFrameEncoder extends ChannelOutboundHandlerAdapter {

    static final TcpFrameEncoder INSTANCE = new TcpFrameEncoder();

    private TcpFrameEncoder() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf body)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf frame;
        try {
            int length = body.readableBytes();
            frame = ctx.alloc().ioBuffer(TcpFrameDecoder.HEADER_BYTES + length).writeInt(length)
                    .writeBytes(body, body.readerIndex(), length);
        }
        finally {
            body.release();
        }
        ctx.write(frame, promise);
    }
}
