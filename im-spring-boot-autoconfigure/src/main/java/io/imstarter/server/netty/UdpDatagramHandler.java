package io.imstarter.server.netty;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.ImPipeline;
import io.imstarter.server.InboundFrame;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * {@link ImPipeline#PACKET_HANDLER} of the UDP channel: each datagram is one packet of its sender's peer (section 5);
 * one over the limit is rejected (303) whole. Every datagram, accepted or rejected, resets the peer's idle timer.
 */
final class UdpDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private final UdpPeerTable peers;
    private final int maxInboundSize;

    UdpDatagramHandler(UdpPeerTable peers, int maxInboundSize) {
        this.peers = peers;
        this.maxInboundSize = maxInboundSize;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        UdpConnection peer = peers.peer(datagram.sender(), ctx.channel());
        if (peer == null) {
            return;
        }
        peer.touch();
        int size = datagram.content().readableBytes();
        if (size > maxInboundSize) {
            peer.receive(InboundFrame.rejected(ErrorCode.TOO_LARGE, "The UDP datagram of " + size
                    + " bytes is over the limit of " + maxInboundSize + " bytes"));
            return;
        }
        peer.receive(InboundFrame.of(ByteBufUtil.getBytes(datagram.content())));
    }
}
