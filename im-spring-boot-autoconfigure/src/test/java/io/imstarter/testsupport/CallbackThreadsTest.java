package io.imstarter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The event-loop guard the conformance tests rely on must really see Netty's IO threads. */
class CallbackThreadsTest {

    @Test
    void flagsACallbackOnAnEventLoopButNotElsewhere() throws Exception {
        CallbackThreads threads = new CallbackThreads();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            group.submit(() -> threads.check("on the loop")).get(10, TimeUnit.SECONDS);
            threads.check("on the test thread");
        }
        finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }

        assertThat(threads.drainViolations()).singleElement().asString().startsWith("on the loop ran on event loop");
        assertThat(threads.drainViolations()).isEmpty();
    }
}
