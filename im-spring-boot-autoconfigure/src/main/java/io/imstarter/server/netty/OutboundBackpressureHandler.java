package io.imstarter.server.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Backpressure: while the channel holds more unsent bytes than its high-water mark it is not
 * writable, and then the server stops reading from it (auto-read off), so that a peer that does not read cannot
 * make the server queue answers for it; reading resumes once the bytes drain below the low-water mark. A channel
 * that stays unwritable for the slow-consumer timeout gets a {@link SlowConsumerEvent}. One instance serves every
 * channel of a gateway: the only per-channel state, the running slow-consumer deadline, is a channel attribute made
 * the first time the channel is unwritable, which most held connections never are. The server's
 * {@link ChannelConnection} hands it its writability and close events rather than giving it a place in the pipeline,
 * which spares a handler context per connection; so the event starts at the head of the pipeline, to reach the
 * packet handler from wherever this handler is.
 */
@ChannelHandler.Sharable
final class OutboundBackpressureHandler extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<ScheduledFuture<?>> DEADLINE = AttributeKey.valueOf("im.slowConsumerDeadline");

    private final long slowConsumerNanos;

    OutboundBackpressureHandler(Duration slowConsumerTimeout) {
        this.slowConsumerNanos = slowConsumerTimeout.toNanos();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        boolean writable = channel.isWritable();
        channel.config().setAutoRead(writable);
        if (writable) {
            cancelDeadline(channel);
        }
        else {
            Attribute<ScheduledFuture<?>> deadline = channel.attr(DEADLINE);
            if (deadline.get() == null) {
                deadline.set(ctx.executor().schedule(() -> expire(ctx), slowConsumerNanos, TimeUnit.NANOSECONDS));
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    private static void expire(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        channel.attr(DEADLINE).set(null);
        if (!channel.isWritable() && channel.isActive()) {
            long pending = channel.bytesBeforeWritable() + channel.config().getWriteBufferLowWaterMark();
            ctx.pipeline().fireUserEventTriggered(new SlowConsumerEvent(pending));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelDeadline(ctx.channel());
    }

    /** Cancels and forgets the deadline, if one runs, without making the attribute where there is none. */
    private static void cancelDeadline(Channel channel) {
        if (channel.hasAttr(DEADLINE)) {
            ScheduledFuture<?> deadline = channel.attr(DEADLINE).getAndSet(null);
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }
}
