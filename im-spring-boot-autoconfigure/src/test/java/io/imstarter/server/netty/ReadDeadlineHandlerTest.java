package io.imstarter.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.server.InboundFrame;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The read deadlines on an {@link EmbeddedChannel} with frozen time, a 1000 ms frame timeout and a 20 s idle
 * timeout: a read that completes no unit starts the frame clock, a completed unit stops it, and the frame deadline
 * fires only for a unit pending the whole time; any read restarts the idle clock, which fires once per silence.
 */
class ReadDeadlineHandlerTest {

    private static final long TIMEOUT_MILLIS = 1000;
    private static final long IDLE_MILLIS = 20_000;

    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    ReadDeadlineHandlerTest() {
        channel.freezeTime();
        ReadDeadlineQueues queues = new ReadDeadlineQueues(Duration.ofMillis(IDLE_MILLIS),
                Duration.ofMillis(TIMEOUT_MILLIS));
        channel.pipeline().addLast(new ReadDeadlineHandler(queues), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
    }

    @Test
    void readThatCompletesNothingExpiresAfterTheTimeout() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));

        elapse(TIMEOUT_MILLIS - 1);
        assertThat(events).isEmpty();
        elapse(1);
        assertThat(events).containsExactly(ReadDeadlineHandler.EXPIRED);
    }

    @Test
    void trickleOfPartsDoesNotRestartTheClock() {
        for (int i = 0; i < 10; i++) {
            channel.writeInbound(new TextWebSocketFrame(false, 0, "{"));
            elapse(TIMEOUT_MILLIS / 10);
        }

        assertThat(events).containsExactly(ReadDeadlineHandler.EXPIRED);
    }

    @Test
    void completedUnitsStopTheClock() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, "{"));
        elapse(TIMEOUT_MILLIS - 100);
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, "}"));
        elapse(TIMEOUT_MILLIS * 3);
        channel.writeInbound(InboundFrame.of(new byte[] { '{', '}' }), new PingWebSocketFrame());
        elapse(TIMEOUT_MILLIS * 3);

        assertThat(events).isEmpty();
        channel.releaseInbound();
    }

    @Test
    void deadlineWaitsWhileTheServerDoesNotRead() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
        channel.config().setAutoRead(false);
        elapse(TIMEOUT_MILLIS * 5);
        assertThat(events).isEmpty();

        channel.config().setAutoRead(true);
        elapse(TIMEOUT_MILLIS);
        assertThat(events).containsExactly(ReadDeadlineHandler.EXPIRED);
    }

    @Test
    void silenceForTheIdleTimeoutIsReportedOnce() {
        elapse(IDLE_MILLIS - 1);
        assertThat(events).isEmpty();
        elapse(1);
        assertThat(events).containsExactly(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);

        elapse(IDLE_MILLIS * 3);
        assertThat(events).hasSize(1);
    }

    @Test
    void everyReadRestartsTheIdleClock() {
        for (int i = 0; i < 5; i++) {
            elapse(IDLE_MILLIS - 1);
            channel.writeInbound(InboundFrame.of(new byte[] { '{', '}' }));
        }
        assertThat(events).isEmpty();

        elapse(IDLE_MILLIS);
        assertThat(events).containsExactly(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        channel.releaseInbound();
    }

    @Test
    void aReadAfterTheIdleReportArmsItAgain() {
        elapse(IDLE_MILLIS);
        channel.writeInbound(InboundFrame.of(new byte[] { '{', '}' }));
        elapse(IDLE_MILLIS);

        assertThat(events).containsExactly(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT,
                IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        channel.releaseInbound();
    }

    @Test
    void aStalledFrameExpiresBeforeTheLaterIdleDeadline() {
        elapse(IDLE_MILLIS - 2 * TIMEOUT_MILLIS);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));

        elapse(TIMEOUT_MILLIS);
        assertThat(events).containsExactly(ReadDeadlineHandler.EXPIRED);
    }

    private void elapse(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }
}
