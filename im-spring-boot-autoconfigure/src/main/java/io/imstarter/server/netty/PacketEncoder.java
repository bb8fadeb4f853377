package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.Transport;
import io.imstarter.server.PacketTooLargeException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * {@link ImPipeline#PACKET_ENCODER}: a packet becomes its UTF-8 JSON body, or a datagram when it is addressed to a
 * UDP peer. A body over the transport's outbound limit fails the write with {@link PacketTooLargeException} and
 * sends nothing (section 5), so the caller of {@code Connection.write} sees why.
 */
@Sharable
final class PacketEncoder extends ChannelOutboundHandlerAdapter {

    private final Transport transport;
    private final int maxOutboundSize;

    PacketEncoder(Transport transport, int maxOutboundSize) {
        this.transport = transport;
        this.maxOutboundSize = maxOutboundSize;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Packet packet) {
            writeBody(ctx, packet, null, promise);
        }
        else if (msg instanceof AddressedEnvelope<?, ?> envelope && envelope.content() instanceof Packet packet) {
            writeBody(ctx, packet, (InetSocketAddress) envelope.recipient(), promise);
        }
        else {
            ctx.write(msg, promise);
        }
    }

    private void writeBody(ChannelHandlerContext ctx, Packet packet, InetSocketAddress recipient,
            ChannelPromise promise) {
        byte[] body = PacketCodec.encodeToBytes(packet);
        if (body.length > maxOutboundSize) {
            promise.setFailure(new PacketTooLargeException(body.length, maxOutboundSize, transport.name()));
            return;
        }
        // A pooled buffer of the kind the socket writes from (direct), so the transport need not copy it again.
        ByteBuf buffer = ctx.alloc().ioBuffer(body.length).writeBytes(body);
        ctx.write(recipient == null ? buffer : new DatagramPacket(buffer, recipient), promise);
    }
}
