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
        channel = new EmbeddedChannel(new OutboundBackpressureHandler(SLOW_CONSUMER_TIMEOUT),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        events.add(evt);
                    }
                });
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(LOW, HIGH));
        channel.freezeTime();
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
