package io.imstarter.server.netty;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.server.InboundFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits the TCP stream into frames. A zero length is rejected (304); an over-limit length is rejected (303) and
 * exactly that many following bytes are skipped as they arrive, never buffered, so the connection stays usable.
 */
final class TcpFrameDecoder extends ByteToMessageDecoder {

    static final int HEADER_BYTES = 4;

    private final int maxBody;
    private long bytesToSkip;

    TcpFrameDecoder(int maxBody) {
        this.maxBody = maxBody;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            if (bytesToSkip > 0) {
                int skip = (int) Math.min(bytesToSkip, in.readableBytes());
                in.skipBytes(skip);
                bytesToSkip -= skip;
                if (bytesToSkip > 0) {
                    return;
                }
            }
            if (in.readableBytes() < HEADER_BYTES) {
                return;
            }
            long length = in.getUnsignedInt(in.readerIndex());
            if (length == 0) {
                in.skipBytes(HEADER_BYTES);
                out.add(InboundFrame.rejected(ErrorCode.MALFORMED, "A TCP frame of length 0 carries no packet"));
                continue;
            }
            if (length > maxBody) {
                in.skipBytes(HEADER_BYTES);
                bytesToSkip = length;
                out.add(InboundFrame.rejected(ErrorCode.TOO_LARGE, "The TCP frame body of " + length
                        + " bytes is over the limit of " + maxBody + " bytes"));
                continue;
            }
            if (in.readableBytes() < HEADER_BYTES + length) {
                return;
            }
            in.skipBytes(HEADER_BYTES);
            out.add(InboundFrame.of(in.readCharSequence((int) length, StandardCharsets.UTF_8).toString()));
        }
    }
}
