package io.imstarter.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What an owner hands its clients: one event loop group, one scheduler and one callback executor. Register it as a
 * static extension; it closes them after the test class.
 */
final class SharedResources implements AfterAllCallback {

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    final ExecutorService callbacks = Executors.newFixedThreadPool(4);

    ImClient client(ImClientConfig config) {
        return new ImClient(config, group, scheduler, callbacks);
    }

    ImClientManager manager(ImClientConfig config) {
        return new ImClientManager(config, group, scheduler, callbacks);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        scheduler.shutdownNow();
        callbacks.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    }
}
