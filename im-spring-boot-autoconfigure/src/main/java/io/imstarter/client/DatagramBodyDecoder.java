package io.imstarter.client;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/** A UDP datagram is exactly one packet body (section 5): unwrap it. */
@Sharable
final class DatagramBodyDecoder extends MessageToMessageDecoder<DatagramPacket> {

    static final DatagramBodyDecoder INSTANCE = new DatagramBodyDecoder();

    private DatagramBodyDecoder() {
        super(DatagramPacket.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket datagram, List<Object> out) {
        out.add(datagram.content().retain());
    }
}
