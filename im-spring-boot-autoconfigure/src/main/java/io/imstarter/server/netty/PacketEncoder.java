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
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;

/**
 * {@link ImPipeline#PACKET_ENCODER}: a packet becomes its UTF-8 JSON body, or a datagram when it is addressed to a
 * UDP peer. A packet relayed as it arrived ({@link Packet#utf8()}) is written from its received bytes; any other is
 * encoded into the pooled IO buffer, through a per-thread scratch array when that buffer has no array of its own. A
 * body over the transport's outbound limit fails the write with {@link PacketTooLargeException} and sends nothing
 * (section 5), so the caller of {@code Connection.write} sees why. On TCP the buffer starts with room for the frame's
 * length, which the {@link TcpFrameEncoder} fills in, so a frame is one buffer written once.
 */
@Sharable
final class PacketEncoder extends ChannelOutboundHandlerAdapter {

    /** Grows to the largest body its event loop encoded, which the outbound limits bound. */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[512];
        }
    };

    private final Transport transport;
    private final int maxOutboundSize;
    private final int lengthRoom;

    PacketEncoder(Transport transport, int maxOutboundSize) {
        this.transport = transport;
        this.maxOutboundSize = maxOutboundSize;
        this.lengthRoom = transport == Transport.TCP ? TcpFrameDecoder.HEADER_BYTES : 0;
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
        byte[] received = packet.utf8();
        int size = received != null ? received.length : PacketCodec.encodedSize(packet);
        if (size > maxOutboundSize) {
            promise.setFailure(new PacketTooLargeException(size, maxOutboundSize, transport.name()));
            return;
        }
        // A pooled buffer of the kind the socket writes from (direct), so the transport need not copy it again.
        ByteBuf buffer = ctx.alloc().ioBuffer(lengthRoom + size).writerIndex(lengthRoom);
        if (received != null) {
            buffer.writeBytes(received);
        }
        else if (buffer.hasArray()) {
            PacketCodec.encodeInto(packet, buffer.array(), buffer.arrayOffset() + buffer.writerIndex());
            buffer.writerIndex(buffer.writerIndex() + size);
        }
        else {
            buffer.writeBytes(encodeInScratch(packet, size), 0, size);
        }
        Object body = lengthRoom > 0 ? new TcpFrameEncoder.RoomForLength(buffer)
                : recipient == null ? buffer : new DatagramPacket(buffer, recipient);
        ctx.write(body, promise);
    }

    private static byte[] encodeInScratch(Packet packet, int size) {
        byte[] scratch = SCRATCH.get();
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
            SCRATCH.set(scratch);
        }
        PacketCodec.encodeInto(packet, scratch, 0);
        return scratch;
    }
}
