package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.server.InboundFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link ImPipeline#READ_DEADLINE}: the two deadlines on what a connection reads.
 * <ul>
 * <li>Idle: a connection that read nothing for the idle timeout gets an {@link IdleStateEvent} (reader idle), as
 * Netty's {@code IdleStateHandler} would send it, once until it reads again.</li>
 * <li>Frame: a unit that has started to arrive (a TCP frame, a WebSocket handshake request, a WebSocket message of
 * one or more fragments) must arrive whole within the frame timeout, or {@link #EXPIRED} goes down the pipeline.
 * A read that completed no unit starts the clock, unless it is already running; a completed unit stops it. While
 * the server itself does not read ({@link ImPipeline#BACKPRESSURE} turned auto-read off) the deadline is pushed
 * back, so a slow consumer is closed as one, not for a missed frame. Bytes of a next unit that arrive in the same
 * read as a completed one start the clock with the following read.</li>
 * </ul>
 * It sits right after the framing, so it sees every read (as {@code channelReadComplete}) and every unit the framing
 * completed. Both deadlines share one timer, armed for the nearer one and re-armed when it fires rather than
 * rescheduled per read: a held connection costs one handler and one scheduled task for both. One instance per
 * channel; everything runs on the channel's event loop.
 */
final class ReadDeadlineHandler extends ChannelInboundHandlerAdapter implements Runnable {

    /** The user event fired when a started unit missed the frame deadline. */
    static final Object EXPIRED = new Object() {
        @Override
        public String toString() {
            return "ReadDeadlineHandler.EXPIRED";
        }
    };

    private final long idleNanos;
    private final long frameNanos;
    private ChannelHandlerContext ctx;
    /** When the last read completed, on the event loop's ticker. */
    private long lastReadNanos;
    private boolean idleReported;
    private boolean pending;
    /** When the pending unit started, on the event loop's ticker. */
    private long startedNanos;
    private boolean lastReadCompletedUnit;
    private ScheduledFuture<?> timer;
    private long timerDueNanos;

    ReadDeadlineHandler(long idleMillis, long frameMillis) {
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.frameNanos = TimeUnit.MILLISECONDS.toNanos(frameMillis);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start();
        ctx.fireChannelActive();
    }

    private void start() {
        if (timer == null) {
            lastReadNanos = now();
            arm(lastReadNanos + idleNanos);
        }
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
        lastReadNanos = now();
        idleReported = false;
        if (lastReadCompletedUnit) {
            pending = false;
        }
        else if (!pending) {
            pending = true;
            startedNanos = lastReadNanos;
            if (timer != null && startedNanos + frameNanos < timerDueNanos) {
                timer.cancel(false);
                timer = null;
            }
        }
        if (timer == null) {
            armForNearest();
        }
        lastReadCompletedUnit = false;
        ctx.fireChannelReadComplete();
    }

    /** The timer: reports what is due and re-arms for the nearer of the deadlines still to come. */
    @Override
    public void run() {
        timer = null;
        if (!ctx.channel().isOpen()) {
            return;
        }
        long now = now();
        if (pending) {
            if (!ctx.channel().config().isAutoRead()) {
                // The backpressure handler stopped reading, not the peer: the unit gets a whole timeout once reads
                // resume.
                startedNanos = now;
            }
            if (now - startedNanos >= frameNanos) {
                pending = false;
                ctx.fireUserEventTriggered(EXPIRED);
            }
        }
        if (!idleReported && now - lastReadNanos >= idleNanos) {
            idleReported = true;
            ctx.fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        }
        if (ctx.channel().isOpen()) {
            armForNearest();
        }
    }

    /** Arms the timer for the idle deadline, or the frame deadline if that is nearer; idle is reported once. */
    private void armForNearest() {
        long due = idleReported ? Long.MAX_VALUE : lastReadNanos + idleNanos;
        if (pending) {
            due = Math.min(due, startedNanos + frameNanos);
        }
        if (due != Long.MAX_VALUE) {
            arm(due);
        }
    }

    private void arm(long dueNanos) {
        timerDueNanos = dueNanos;
        timer = ctx.executor().schedule(this, dueNanos - now(), TimeUnit.NANOSECONDS);
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
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
