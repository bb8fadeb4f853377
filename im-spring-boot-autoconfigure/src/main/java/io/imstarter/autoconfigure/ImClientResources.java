package io.imstarter.autoconfigure;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * What the embedded client manager runs on, owned by the context: a Netty NIO event loop group, a scheduler for
 * keep-alive, re-login and QoS timers, and a bounded executor for client callbacks. {@link #close()} shuts them
 * down and waits, after the manager has closed its clients.
 */
public final class ImClientResources implements AutoCloseable {

    private static final Duration QUIET_PERIOD = Duration.ofMillis(100);

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final EventLoopGroup group;

    private final ScheduledExecutorService scheduler;

    private final BoundedExecutor callbackExecutor;

    /**
     * @param callbackQueueCapacity callbacks that may wait before further ones are dropped
     */
    public ImClientResources(int callbackQueueCapacity) {
        // 0 threads: Netty's default, twice the cores.
        this.group = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("im-client-io", true),
                NioIoHandler.newFactory());
        CustomizableThreadFactory schedulerThreads = new CustomizableThreadFactory("im-client-timer-");
        schedulerThreads.setDaemon(true);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(schedulerThreads);
        // One thread keeps each client's notifications in order.
        this.callbackExecutor = new BoundedExecutor("im-client-callback", 1, callbackQueueCapacity);
    }

    public EventLoopGroup group() {
        return group;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        group.shutdownGracefully(QUIET_PERIOD.toMillis(), TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(TIMEOUT.toMillis() * 2);
        callbackExecutor.close();
        try {
            scheduler.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
