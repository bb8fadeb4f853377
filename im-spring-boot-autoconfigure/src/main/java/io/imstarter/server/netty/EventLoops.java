package io.imstarter.server.netty;

import io.imstarter.server.IoThread;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's event loops: their IO is Linux's epoll when its native library loads and the configuration allows it
 * (fewer system calls and objects per read and write than NIO's selector), Java NIO otherwise, and their threads are
 * {@link IoThread}s. The gateways pick the matching channel classes from the event loop group they are given.
 */
final class EventLoops {

    private static final Logger log = LoggerFactory.getLogger(EventLoops.class);

    private EventLoops() {
    }

    /** Names the threads {@code prefix-N} and marks them as the server's IO threads. */
    static ThreadFactory threadFactory(String prefix) {
        return new DefaultThreadFactory(prefix, true) {
            @Override
            protected Thread newThread(Runnable task, String name) {
                return new EventLoopThread(threadGroup, task, name);
            }
        };
    }

    private static final class EventLoopThread extends FastThreadLocalThread implements IoThread {

        EventLoopThread(ThreadGroup group, Runnable task, String name) {
            super(group, task, name);
        }
    }

    static IoHandlerFactory ioHandlerFactory(boolean nativeTransport) {
        if (nativeTransport && Epoll.isAvailable()) {
            log.info("IM event loops use the native epoll transport");
            return EpollIoHandler.newFactory();
        }
        if (nativeTransport) {
            log.info("IM event loops use Java NIO: the epoll transport is not available here ({})",
                    Epoll.unavailabilityCause().toString());
        }
        return NioIoHandler.newFactory();
    }
}
