package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@link ImPipeline#BACKPRESSURE}: while the channel holds more unsent bytes than its high-water mark it is not
 * writable, and then the server stops reading from it (auto-read off), so that a peer that does not read cannot
 * make the server queue answers for it; reading resumes once the bytes drain below the low-water mark. A channel
 * that stays unwritable for the slow-consumer timeout gets a {@link SlowConsumerEvent}. One instance per channel.
 */
final class OutboundBackpressureHandler extends ChannelInboundHandlerAdapter {

    private final long slowConsumerNanos;
    private ScheduledFuture<?> deadline;

    OutboundBackpressureHandler(Duration slowConsumerTimeout) {
        this.slowConsumerNanos = slowConsumerTimeout.toNanos();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(writable);
        if (writable) {
            cancelDeadline();
        }
        else if (deadline == null) {
            deadline = ctx.executor().schedule(() -> expire(ctx), slowConsumerNanos, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        if (!ctx.channel().isWritable() && ctx.channel().isActive()) {
            long pending = ctx.channel().bytesBeforeWritable() + ctx.channel().config().getWriteBufferLowWaterMark();
            ctx.fireUserEventTriggered(new SlowConsumerEvent(pending));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelDeadline();
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
