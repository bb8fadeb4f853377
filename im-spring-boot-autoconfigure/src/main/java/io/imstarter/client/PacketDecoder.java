package io.imstarter.client;

import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.PacketCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One framed UTF-8 JSON body in, one packet out; an unreadable body is logged and skipped, the link kept. */
@Sharable
final class PacketDecoder extends MessageToMessageDecoder<ByteBuf> {

    static final PacketDecoder INSTANCE = new PacketDecoder();

    private static final Logger log = LoggerFactory.getLogger(PacketDecoder.class);

    private PacketDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf body, List<Object> out) {
        try {
            out.add(PacketCodec.decode(ByteBufUtil.getBytes(body)));
        }
        catch (MalformedPacketException ex) {
            log.warn("Skipped a malformed packet from the server {}: {}", ctx.channel().remoteAddress(),
                    ex.getMessage());
        }
    }
}
