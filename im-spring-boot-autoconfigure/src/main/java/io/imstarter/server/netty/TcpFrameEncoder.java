package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * {@link ImPipeline#FRAME_ENCODER} on TCP: the 4-byte body length and the body, in one buffer (section 5). Netty's
 * {@code LengthFieldPrepender} writes the header as a buffer of its own, which splits every write in two and costs
 * two more promises and a combiner per packet. The {@link PacketEncoder} leaves room for the length in front of the
 * body ({@link RoomForLength}), which is filled in place; any other buffer is copied behind a header.
 */
@Sharable
final class TcpFrameEncoder extends ChannelOutboundHandlerAdapter {

    static final TcpFrameEncoder INSTANCE = new TcpFrameEncoder();

    private TcpFrameEncoder() {
    }

    /** A buffer whose first {@link TcpFrameDecoder#HEADER_BYTES} readable bytes are kept for the body's length. */
    static final class RoomForLength extends DefaultByteBufHolder {

        RoomForLength(ByteBuf buffer) {
            super(buffer);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof RoomForLength room) {
            ByteBuf frame = room.content();
            frame.setInt(frame.readerIndex(), frame.readableBytes() - TcpFrameDecoder.HEADER_BYTES);
            ctx.write(frame, promise);
            return;
        }
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
