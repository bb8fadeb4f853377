package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.server.InboundFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link ImPipeline#FRAME_DEADLINE}: a unit that has started to arrive (a TCP frame, a WebSocket handshake request,
 * a WebSocket message of one or more fragments) must arrive whole within the frame timeout, or
 * {@link #EXPIRED} goes down the pipeline and the connection is closed. It sits right after the framing, so it sees
 * every read (as {@code channelReadComplete}) and every unit the framing completed.
 *
 * <p>A read that completed no unit starts the clock, unless it is already running; a completed unit stops it. While
 * the server itself does not read ({@link ImPipeline#BACKPRESSURE} turned auto-read off) the deadline is pushed
 * back, so a slow consumer is closed as one, not for a missed frame. Bytes
 * of a next unit that arrive in the same read as a completed one start the clock with the following read. Like
 * Netty's {@code IdleStateHandler}, it keeps one timer and re-arms it rather than scheduling one per read. One
 * instance per channel; everything runs on the channel's event loop.
 */
final class FrameDeadlineHandler extends ChannelInboundHandlerAdapter {

    /** The user event fired when a started unit missed the deadline. */
    static final Object EXPIRED = new Object() {
        @Override
        public String toString() {
            return "FrameDeadlineHandler.EXPIRED";
        }
    };

    private final long timeoutNanos;
    private boolean pending;
    /** When the pending unit started, on the event loop's ticker. */
    private long startedNanos;
    private boolean lastReadCompletedUnit;
    private ScheduledFuture<?> timer;

    FrameDeadlineHandler(long timeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadCompletedUnit = completesUnit(msg);
        ctx.fireChannelRead(msg);
    }

    /** A whole packet, a whole upgrade request, a final WebSocket fragment or a control frame. */
    private static boolean completesUnit(Object msg) {
        return msg instanceof InboundFrame || msg instanceof FullHttpRequest
                || msg instanceof WebSocketFrame frame && frame.isFinalFragment();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (lastReadCompletedUnit) {
            pending = false;
        }
        else if (!pending) {
            pending = true;
            startedNanos = ctx.executor().ticker().nanoTime();
            if (timer == null) {
                schedule(ctx, timeoutNanos);
            }
        }
        lastReadCompletedUnit = false;
        ctx.fireChannelReadComplete();
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        timer = null;
        if (!pending || !ctx.channel().isOpen()) {
            return;
        }
        long now = ctx.executor().ticker().nanoTime();
        if (!ctx.channel().config().isAutoRead()) {
            // The backpressure handler stopped reading, not the peer: the unit gets a whole timeout once reads resume.
            startedNanos = now;
        }
        long left = startedNanos + timeoutNanos - now;
        if (left > 0) {
            schedule(ctx, left);
        }
        else {
            ctx.fireUserEventTriggered(EXPIRED);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
