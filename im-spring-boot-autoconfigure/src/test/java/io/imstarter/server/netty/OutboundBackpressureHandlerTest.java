package io.imstarter.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backpressure handler on Netty's {@link EmbeddedChannel}: auto-read follows writability; a stall is reported. */
class OutboundBackpressureHandlerTest {

    private static final int LOW = 1024;
    private static final int HIGH = 2048;
    private static final Duration SLOW_CONSUMER_TIMEOUT = Duration.ofSeconds(3);

    private final List<Object> events = new CopyOnWriteArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void channelWithSmallWaterMarks() {
        channel = channelWithSmallWaterMarks(new OutboundBackpressureHandler(SLOW_CONSUMER_TIMEOUT), events);
    }

    private static EmbeddedChannel channelWithSmallWaterMarks(OutboundBackpressureHandler handler,
            List<Object> events) {
        EmbeddedChannel channel = new EmbeddedChannel(handler, new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(LOW, HIGH));
        channel.freezeTime();
        return channel;
    }

    @Test
    void oneInstanceKeepsADeadlineForEachChannel() {
        OutboundBackpressureHandler shared = new OutboundBackpressureHandler(SLOW_CONSUMER_TIMEOUT);
        List<Object> stalledEvents = new CopyOnWriteArrayList<>();
        List<Object> drainedEvents = new CopyOnWriteArrayList<>();
        EmbeddedChannel stalled = channelWithSmallWaterMarks(shared, stalledEvents);
        EmbeddedChannel drained = channelWithSmallWaterMarks(shared, drainedEvents);

        stalled.write(Unpooled.wrappedBuffer(new byte[HIGH * 2]));
        drained.write(Unpooled.wrappedBuffer(new byte[HIGH * 2]));
        drained.flush();
        for (EmbeddedChannel each : List.of(stalled, drained)) {
            each.advanceTimeBy(SLOW_CONSUMER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            each.runScheduledPendingTasks();
        }

        assertThat(stalledEvents).singleElement().isInstanceOf(SlowConsumerEvent.class);
        assertThat(drainedEvents).isEmpty();
        assertThat(stalled.config().isAutoRead()).isFalse();
        assertThat(drained.config().isAutoRead()).isTrue();
        stalled.flush();
        stalled.releaseOutbound();
        drained.releaseOutbound();
    }

    @Test
    void stopsReadingAboveTheHighWaterMarkAndResumesOnceDrained() {
        assertThat(channel.config().isAutoRead()).isTrue();

        channel.write(Unpooled.wrappedBuffer(new byte[HIGH + 1]));

        assertThat(channel.isWritable()).isFalse();
        assertThat(channel.config().isAutoRead()).as("reading while the peer does not take our bytes").isFalse();

        channel.flush();

        assertThat(channel.isWritable()).isTrue();
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(channel.releaseOutbound()).isTrue();
    }

    @Test
    void keepsReadingBelowTheHighWaterMark() {
        channel.write(Unpooled.wrappedBuffer(new byte[HIGH / 2]));

        assertThat(channel.config().isAutoRead()).isTrue();
        channel.flush();
        channel.releaseOutbound();
    }

    @Test
    void reportsASlowConsumerThatStaysUnwritableForTheTimeout() {
        channel.write(Unpooled.wrappedBuffer(new byte[HIGH * 2]));

        channel.advanceTimeBy(SLOW_CONSUMER_TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(events).isEmpty();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(events).singleElement().isInstanceOfSatisfying(SlowConsumerEvent.class,
                event -> assertThat(event.pendingBytes()).isGreaterThan(HIGH));
        channel.flush();
        channel.releaseOutbound();
    }

    @Test
    void aConsumerThatCatchesUpInTimeIsNotReported() {
        channel.write(Unpooled.wrappedBuffer(new byte[HIGH * 2]));
        channel.advanceTimeBy(SLOW_CONSUMER_TIMEOUT.toMillis() / 2, TimeUnit.MILLISECONDS);
        channel.flush();

        channel.advanceTimeBy(SLOW_CONSUMER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(events).isEmpty();
        assertThat(channel.config().isAutoRead()).isTrue();
        channel.releaseOutbound();
    }

    @Test
    void theTimeoutRestartsWhenTheConsumerFallsBehindAgain() {
        channel.write(Unpooled.wrappedBuffer(new byte[HIGH * 2]));
        channel.advanceTimeBy(SLOW_CONSUMER_TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.flush();
        channel.write(Unpooled.wrappedBuffer(new byte[HIGH * 2]));

        channel.advanceTimeBy(SLOW_CONSUMER_TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(events).as("two stalls, each shorter than the timeout").isEmpty();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(events).hasSize(1);
        channel.flush();
        channel.releaseOutbound();
    }
}
