package io.imstarter.server.netty;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.server.InboundFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits the TCP stream into frames. A zero length is rejected (304); an over-limit length is rejected (303) and
 * exactly that many following bytes are skipped as they arrive, never buffered, so the connection stays usable.
 * Once more than {@code maxDiscard} bytes of one such body have been skipped, the decoder fails with
 * {@link TooLongFrameException} and the connection is closed: a length of 2^31-1 would otherwise swallow all input.
 * The cumulation buffer never holds more than one header and one body within the limit.
 */
final class TcpFrameDecoder extends ByteToMessageDecoder {

    static final int HEADER_BYTES = 4;

    private final int maxBody;
    private final int maxDiscard;
    private long bytesToSkip;
    private long skipped;
    private boolean failed;

    TcpFrameDecoder(int maxBody, int maxDiscard) {
        this.maxBody = maxBody;
        this.maxDiscard = maxDiscard;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (true) {
            if (bytesToSkip > 0) {
                int skip = (int) Math.min(bytesToSkip, in.readableBytes());
                in.skipBytes(skip);
                bytesToSkip -= skip;
                skipped += skip;
                if (skipped > maxDiscard) {
                    failed = true;
                    in.skipBytes(in.readableBytes());
                    throw new TooLongFrameException("Discarded " + skipped + " bytes of an oversized TCP body, more"
                            + " than the limit of " + maxDiscard);
                }
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
                skipped = 0;
                out.add(InboundFrame.rejected(ErrorCode.TOO_LARGE, "The TCP frame body of " + length
                        + " bytes is over the limit of " + maxBody + " bytes"));
                continue;
            }
            if (in.readableBytes() < HEADER_BYTES + length) {
                return;
            }
            in.skipBytes(HEADER_BYTES);
            // The one copy out of the pooled buffer: the body crosses threads and may be relayed as it is.
            byte[] body = new byte[(int) length];
            in.readBytes(body);
            out.add(InboundFrame.of(body));
        }
    }
}
