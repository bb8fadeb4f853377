package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Packet;
import io.imstarter.server.Connection;
import io.imstarter.server.InboundFrame;
import io.imstarter.server.netty.ConnectionLimits.Admission;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection that owns its channel: TCP and WebSocket. Packets go into the pipeline, whose encoders frame them,
 * in batches on the event loop ({@link PendingWrites}), unless the connection already holds
 * {@code outbound.max-pending} unsent bytes.
 * <p>
 * It is also its channel's last handler, {@link ImPipeline#PACKET_HANDLER}: it admits itself against the gateway's
 * {@link ConnectionLimits} (or has itself refused), takes decoded {@link InboundFrame}s, and acts on idleness, missed
 * frame deadlines, a slow consumer and the close. It hands writability to the gateway's
 * {@link OutboundBackpressureHandler} and, on TCP, reads to its {@link ReadDeadlineHandler}, both outside the
 * pipeline. Being the handler spares the channel a handler object, an attribute to find the connection by and two
 * handler contexts, which is heap every held connection pays.
 */
final class ChannelConnection extends Connection implements ChannelInboundHandler {

    private static final Logger log = LoggerFactory.getLogger(ChannelConnection.class);

    private final StreamSettings settings;
    private final PendingWrites pending;
    /** The deadlines this handler drives itself (TCP), or null where they are a handler of their own (WebSocket). */
    private final ReadDeadlineHandler readDeadline;
    /** Whether the gateway's connection caps admitted it; set and read on the event loop. */
    private boolean admitted;
    /** The sentence a refused WebSocket connection gets once its handshake allows a text message, or null. */
    private String refusal;
    /** Its neighbours in the gateway's {@link OpenChannels}, which guards them. */
    ChannelConnection previousOpen;
    ChannelConnection nextOpen;

    ChannelConnection(StreamSettings settings, Channel channel, ReadDeadlineHandler readDeadline) {
        super(settings.transport(), (InetSocketAddress) channel.remoteAddress(), settings.hub());
        this.settings = settings;
        this.pending = new PendingWrites(channel, null,
                settings.hub().config().getOutbound().getMaxPending().toBytes());
        this.readDeadline = readDeadline;
    }

    @Override
    protected CompletionStage<Void> writePacket(Packet packet) {
        return pending.write(this, packet);
    }

    @Override
    protected void closeTransport() {
        pending.channel().close();
    }

    Channel channel() {
        return pending.channel();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (readDeadline != null) {
            readDeadline.attach(ctx);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        settings.openChannels().remove(this);
        if (readDeadline != null) {
            readDeadline.stop();
        }
        settings.backpressure().handlerRemoved(ctx);
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) {
        ctx.fireChannelRegistered();
    }

    @Override
    public void channelUnregistered(ChannelHandlerContext ctx) {
        ctx.fireChannelUnregistered();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (readDeadline != null) {
            readDeadline.start();
        }
        ConnectionLimits limits = settings.limits();
        Admission admission = limits.tryAdmit(remoteAddress().getAddress());
        if (admission == Admission.ADMITTED) {
            admitted = true;
            opened(ctx.channel().eventLoop());
        }
        else if (settings.refuseAfterHandshake()) {
            refusal = limits.refusal(admission);
        }
        else {
            refuse(limits.refusal(admission));
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (readDeadline != null) {
            readDeadline.read(msg);
        }
        if (msg instanceof InboundFrame frame) {
            if (admitted) {
                receive(frame);
            }
        }
        else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (readDeadline != null) {
            readDeadline.readComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            idleTimedOut();
        }
        else if (evt == ReadDeadlineHandler.EXPIRED) {
            if (admitted) {
                frameTimedOut();
            }
            else {
                ctx.close();
            }
        }
        else if (evt instanceof SlowConsumerEvent slow) {
            fellBehind(slow.pendingBytes());
        }
        else if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            // Upgraded: Netty took the HTTP codec out, so no request can reach the path guard any more.
            if (ctx.pipeline().get(ImPipeline.WS_PATH_GUARD) != null) {
                ctx.pipeline().remove(ImPipeline.WS_PATH_GUARD);
            }
            if (refusal != null) {
                refuse(refusal);
            }
            ctx.fireUserEventTriggered(evt);
        }
        else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        settings.backpressure().channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        settings.openChannels().remove(this);
        if (readDeadline != null) {
            readDeadline.stop();
        }
        if (admitted) {
            settings.limits().release(remoteAddress().getAddress());
        }
        transportClosed();
        settings.backpressure().channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("IM connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
