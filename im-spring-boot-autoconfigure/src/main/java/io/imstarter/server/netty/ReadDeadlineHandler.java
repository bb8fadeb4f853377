package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.server.InboundFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * {@link ImPipeline#READ_DEADLINE}: the two deadlines on what a connection reads.
 * <ul>
 * <li>Idle: a connection that read nothing for the idle timeout gets an {@link IdleStateEvent} (reader idle), as
 * Netty's {@code IdleStateHandler} would send it, once until it reads again.</li>
 * <li>Frame: a unit that has started to arrive (a TCP frame, a WebSocket handshake request, a WebSocket message of
 * one or more fragments) must arrive whole within the frame timeout, or {@link #EXPIRED} goes down the pipeline.
 * A read that completed no unit starts the clock, unless it is already running; a completed unit stops it. While
 * the server itself does not read ({@link OutboundBackpressureHandler} turned auto-read off) the deadline is pushed
 * back, so a slow consumer is closed as one, not for a missed frame. Bytes of a next unit that arrive in the same
 * read as a completed one start the clock with the following read.</li>
 * </ul>
 * It sees every read (as {@code channelReadComplete}) and every unit the framing completed: on WebSocket as a handler
 * right after the framing; on TCP, whose framing passes nothing but whole packets on, the {@link ChannelConnection}
 * at the end of the pipeline drives it ({@link #attach}, {@link #read}, {@link #readComplete}, {@link #stop}), which
 * spares a handler context per connection. Either way the events start at the head of the pipeline, so that they
 * reach the packet handler. Both deadlines share one place in the event loop's {@link ReadDeadlineQueue}, at the
 * nearer one, and move on when it passes rather than with every read: a held connection costs no scheduled task of
 * its own. One instance per channel; everything runs on the channel's event loop.
 */
final class ReadDeadlineHandler extends ChannelInboundHandlerAdapter {

    /** The user event fired when a started unit missed the frame deadline. */
    static final Object EXPIRED = new Object() {
        @Override
        public String toString() {
            return "ReadDeadlineHandler.EXPIRED";
        }
    };

    private final ReadDeadlineQueues queues;
    private ChannelHandlerContext ctx;
    private ReadDeadlineQueue queue;
    /** When the last read completed, on the event loop's ticker. */
    private long lastReadNanos;
    private boolean idleReported;
    private boolean pending;
    /** When the pending unit started, on the event loop's ticker. */
    private long startedNanos;
    private boolean lastReadCompletedUnit;
    /** Where this waits in {@link #queue}: when, and at which index, or -1 when it does not wait. */
    long dueNanos;
    int queueIndex = -1;

    ReadDeadlineHandler(ReadDeadlineQueues queues) {
        this.queues = queues;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        attach(ctx);
    }

    /** Binds the deadlines to {@code ctx}'s channel; they start now if it is active, otherwise with {@link #start}. */
    void attach(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.queue = queues.on(ctx.executor());
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start();
        ctx.fireChannelActive();
    }

    /** Starts the idle deadline, unless it runs already. */
    void start() {
        if (!queue.isQueued(this)) {
            lastReadNanos = queue.now();
            queue.arm(this, lastReadNanos + queue.idleNanos());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        read(msg);
        ctx.fireChannelRead(msg);
    }

    /** Notes what a read passed on: whether it completed a unit. */
    void read(Object msg) {
        lastReadCompletedUnit = completesUnit(msg);
    }

    /** A whole packet, a whole upgrade request, a final WebSocket fragment or a control frame. */
    private static boolean completesUnit(Object msg) {
        return msg instanceof InboundFrame || msg instanceof FullHttpRequest
                || msg instanceof WebSocketFrame frame && frame.isFinalFragment();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readComplete();
        ctx.fireChannelReadComplete();
    }

    /** A read completed: resets the idle deadline and starts or stops the frame deadline. */
    void readComplete() {
        lastReadNanos = queue.now();
        idleReported = false;
        if (lastReadCompletedUnit) {
            pending = false;
        }
        else if (!pending) {
            pending = true;
            startedNanos = lastReadNanos;
            long frameDue = startedNanos + queue.frameNanos();
            if (queue.isQueued(this) && frameDue < dueNanos) {
                queue.arm(this, frameDue);
            }
        }
        if (!queue.isQueued(this)) {
            armForNearest();
        }
        lastReadCompletedUnit = false;
    }

    /** Called by the queue when the deadline this waited for passed: reports what is due and waits for the next. */
    void deadlineReached() {
        if (!ctx.channel().isOpen()) {
            return;
        }
        long now = queue.now();
        if (pending) {
            if (!ctx.channel().config().isAutoRead()) {
                // The backpressure handler stopped reading, not the peer: the unit gets a whole timeout once reads
                // resume.
                startedNanos = now;
            }
            if (now - startedNanos >= queue.frameNanos()) {
                pending = false;
                ctx.pipeline().fireUserEventTriggered(EXPIRED);
            }
        }
        if (!idleReported && now - lastReadNanos >= queue.idleNanos()) {
            idleReported = true;
            ctx.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        }
        if (ctx.channel().isOpen() && !queue.isQueued(this)) {
            armForNearest();
        }
    }

    /** Waits for the idle deadline, or the frame deadline if that is nearer; idle is reported once. */
    private void armForNearest() {
        long due = idleReported ? Long.MAX_VALUE : lastReadNanos + queue.idleNanos();
        if (pending) {
            due = Math.min(due, startedNanos + queue.frameNanos());
        }
        if (due != Long.MAX_VALUE) {
            queue.arm(this, due);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    /** Leaves the queue: the channel closed. */
    void stop() {
        if (queue != null) {
            queue.remove(this);
        }
    }
}
