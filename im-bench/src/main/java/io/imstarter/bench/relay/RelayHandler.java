package io.imstarter.bench.relay;

import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.UserIds;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * Per connection: the first frame must be a login; its {@code extra} (or, without one, its user id) names the
 * pair, and the relay answers with a minimal accepted login response once the connection is on its pair's event
 * loop. Every later frame goes to the partner as is: both ends share one event loop, so the write happens right
 * here and the partner is flushed once per read batch. When the partner cannot keep up, this connection stops
 * reading until it can, so buffers stay bounded.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private final Pairing pairing;
    private boolean joined;

    RelayHandler(Pairing pairing) {
        this.pairing = pairing;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!pairing.admit()) {
            ctx.close();
            return;
        }
        ctx.channel().closeFuture().addListener(future -> pairing.leave(ctx.channel()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        if (!joined) {
            try {
                join(ctx, frame);
            }
            finally {
                frame.release();
            }
            return;
        }
        Channel peer = ctx.channel().attr(Pairing.PEER).get();
        if (peer == null || !peer.isActive()) {
            pairing.unpaired();
            frame.release();
            return;
        }
        if (peer.eventLoop() != ctx.channel().eventLoop()) {
            pairing.crossedLoops();
        }
        peer.write(frame, peer.voidPromise());
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Channel peer = ctx.channel().attr(Pairing.PEER).get();
        if (peer != null) {
            peer.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel peer = ctx.channel().attr(Pairing.PEER).get();
        if (peer != null && ctx.channel().isWritable()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void join(ChannelHandlerContext ctx, ByteBuf frame) {
        LoginInfo login;
        try {
            Packet packet = PacketCodec.decode(frame.toString(4, frame.readableBytes() - 4, StandardCharsets.UTF_8));
            if (packet.type() != PacketType.LOGIN) {
                throw new MalformedPacketException("The relay expects a login first, got type " + packet.type());
            }
            login = PacketCodec.decodePayload(packet.dataContent(), LoginInfo.class);
        }
        catch (MalformedPacketException ex) {
            ctx.close();
            return;
        }
        String pairId = login.extra() != null && !login.extra().isEmpty() ? login.extra() : login.loginUserId();
        if (pairId == null) {
            ctx.close();
            return;
        }
        joined = true;
        String userId = login.loginUserId();
        pairing.join(pairId, ctx.channel()).addListener(moved -> {
            if (moved.isSuccess()) {
                answerLogin(ctx, userId);
            }
            else {
                ctx.close();
            }
        });
    }

    private static void answerLogin(ChannelHandlerContext ctx, String userId) {
        LoginResponse accepted = new LoginResponse(0, System.currentTimeMillis());
        byte[] body = PacketCodec.encodeToBytes(Packet.control(PacketType.LOGIN_RESPONSE,
                PacketCodec.encodePayload(accepted), UserIds.SERVER, userId));
        ByteBuf reply = ctx.alloc().buffer(4 + body.length).writeInt(body.length).writeBytes(body);
        ctx.writeAndFlush(reply, ctx.voidPromise());
    }
}
