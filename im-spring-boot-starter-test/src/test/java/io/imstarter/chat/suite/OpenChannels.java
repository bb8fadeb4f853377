package io.imstarter.chat.suite;

import io.imstarter.protocol.Transport;
import io.imstarter.server.netty.GatewayPipelineCustomizer;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;

/**
 * Counts the server's open TCP and WebSocket connections through the public pipeline hook, so the suite can see that
 * none outlives a test. Also counts how often a context with it starts.
 */
@TestComponent
class OpenChannels implements GatewayPipelineCustomizer {

    static final AtomicInteger CONTEXT_STARTS = new AtomicInteger();

    private final AtomicInteger open = new AtomicInteger();

    private final Counter counter = new Counter();

    OpenChannels() {
        CONTEXT_STARTS.incrementAndGet();
    }

    @Override
    public void customize(Transport transport, ChannelPipeline pipeline) {
        if (transport != Transport.UDP) {
            pipeline.addFirst("openChannelCounter", counter);
        }
    }

    int open() {
        return open.get();
    }

    @Sharable
    private final class Counter extends ChannelInboundHandlerAdapter {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            open.incrementAndGet();
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open.decrementAndGet();
            ctx.fireChannelInactive();
        }
    }
}
