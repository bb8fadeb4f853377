package io.imstarter.server.netty;

import io.imstarter.server.Connection;
import io.imstarter.server.InboundFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a TCP or WebSocket pipeline: creates the channel's {@link Connection}, hands it decoded
 * {@link InboundFrame}s, and reports idleness, a slow consumer and the close. Stateless, so one instance serves every
 * channel.
 */
@ChannelHandler.Sharable
final class StreamConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(StreamConnectionHandler.class);
    private static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf("im.connection");

    private final Function<Channel, Connection> connections;

    StreamConnectionHandler(Function<Channel, Connection> connections) {
        this.connections = connections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.channel().attr(CONNECTION).set(connections.apply(ctx.channel()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InboundFrame frame) {
            Connection connection = ctx.channel().attr(CONNECTION).get();
            if (connection != null) {
                connection.receive(frame);
            }
        }
        else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            Connection connection = ctx.channel().attr(CONNECTION).get();
            if (connection != null) {
                connection.idleTimedOut();
            }
            else {
                ctx.close();
            }
        }
        else if (evt instanceof SlowConsumerEvent slow) {
            Connection connection = ctx.channel().attr(CONNECTION).get();
            if (connection != null) {
                connection.fellBehind(slow.pendingBytes());
            }
            else {
                ctx.close();
            }
        }
        else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Connection connection = ctx.channel().attr(CONNECTION).get();
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
}
