package io.imstarter.client;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** One packet in, its UTF-8 JSON body out; framing is the next handler's job. */
@Sharable
final class PacketEncoder extends MessageToMessageEncoder<Packet> {

    static final PacketEncoder INSTANCE = new PacketEncoder();

    private PacketEncoder() {
        super(Packet.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Packet packet, List<Object> out) {
        out.add(Unpooled.wrappedBuffer(PacketCodec.encodeToBytes(packet)));
    }
}
