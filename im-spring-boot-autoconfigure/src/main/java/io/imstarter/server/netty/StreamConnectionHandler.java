package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.server.Connection;
import io.imstarter.server.InboundFrame;
import io.imstarter.server.netty.ConnectionLimits.Admission;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a TCP or WebSocket pipeline: creates the channel's {@link Connection}, admits it against the
 * gateway's {@link ConnectionLimits} (or has it refused), hands it decoded {@link InboundFrame}s, and reports
 * idleness, missed frame deadlines, a slow consumer and the close. Stateless, so one instance serves every channel.
 */
@ChannelHandler.Sharable
final class StreamConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(StreamConnectionHandler.class);
    private static final AttributeKey<ChannelConnection> CONNECTION = AttributeKey.valueOf("im.connection");

    private final Function<Channel, ChannelConnection> connections;
    private final ConnectionLimits limits;
    private final boolean refuseAfterHandshake;

    /**
     * @param refuseAfterHandshake true for WebSocket, where the 52/305 of a refusal can only go out as a text
     *        message, once the upgrade is done
     */
    StreamConnectionHandler(Function<Channel, ChannelConnection> connections, ConnectionLimits limits,
            boolean refuseAfterHandshake) {
        this.connections = connections;
        this.limits = limits;
        this.refuseAfterHandshake = refuseAfterHandshake;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        ChannelConnection connection = connections.apply(channel);
        channel.attr(CONNECTION).set(connection);
        Admission admission = limits.tryAdmit(connection.remoteAddress().getAddress());
        if (admission == Admission.ADMITTED) {
            connection.admitted = true;
            connection.opened(ctx.channel().eventLoop());
        }
        else if (refuseAfterHandshake) {
            connection.refusal = limits.refusal(admission);
        }
        else {
            connection.refuse(limits.refusal(admission));
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InboundFrame frame) {
            if (isAdmitted(ctx)) {
                ctx.channel().attr(CONNECTION).get().receive(frame);
            }
        }
        else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        ChannelConnection connection = ctx.channel().attr(CONNECTION).get();
        if (evt instanceof IdleStateEvent) {
            if (connection != null) {
                connection.idleTimedOut();
            }
            else {
                ctx.close();
            }
        }
        else if (evt == ReadDeadlineHandler.EXPIRED) {
            if (isAdmitted(ctx)) {
                connection.frameTimedOut();
            }
            else {
                ctx.close();
            }
        }
        else if (evt instanceof SlowConsumerEvent slow) {
            if (connection != null) {
                connection.fellBehind(slow.pendingBytes());
            }
            else {
                ctx.close();
            }
        }
        else if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            // Upgraded: Netty took the HTTP codec out, so no request can reach the path guard any more.
            if (ctx.pipeline().get(ImPipeline.WS_PATH_GUARD) != null) {
                ctx.pipeline().remove(ImPipeline.WS_PATH_GUARD);
            }
            if (connection != null && connection.refusal != null) {
                connection.refuse(connection.refusal);
            }
            ctx.fireUserEventTriggered(evt);
        }
        else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Connection connection = ctx.channel().attr(CONNECTION).get();
        if (isAdmitted(ctx)) {
            limits.release(connection.remoteAddress().getAddress());
        }
        if (connection != null) {
            connection.transportClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("IM connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    private static boolean isAdmitted(ChannelHandlerContext ctx) {
        ChannelConnection connection = ctx.channel().attr(CONNECTION).get();
        return connection != null && connection.admitted;
    }
}
