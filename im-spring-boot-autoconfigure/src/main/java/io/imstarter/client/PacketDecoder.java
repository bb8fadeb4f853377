package io.imstarter.client;

import io.imstarter.protocol.GroupEnvelope;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One framed UTF-8 JSON body in, one {@link Inbound} out (a type 2 with the group keys the server adds to a member's
 * copy read too); an unreadable body is logged and skipped, the link kept.
 */
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
            byte[] bytes = ByteBufUtil.getBytes(body);
            Packet packet = PacketCodec.decode(bytes);
            GroupEnvelope.Copy group = packet.type() == PacketType.DATA
                    ? GroupEnvelope.read(new String(bytes, StandardCharsets.UTF_8)) : null;
            out.add(new Inbound(packet, group));
        }
        catch (MalformedPacketException ex) {
            log.warn("Skipped a malformed packet from the server {}: {}", ctx.channel().remoteAddress(),
                    ex.getMessage());
        }
    }
}
