package io.imstarter.server.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;

/** Which IO the event loops get: epoll where it loads unless turned off, NIO otherwise. */
class EventLoopsTest {

    @Test
    void turningTheNativeTransportOffGivesNio() {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EventLoops.ioHandlerFactory(false));
        try {
            assertThat(group.isIoType(NioIoHandler.class)).isTrue();
        }
        finally {
            group.shutdownGracefully().syncUninterruptibly();
        }
    }

    @Test
    void theNativeTransportIsEpollWhereItLoads() {
        assumeTrue(Epoll.isAvailable(), "epoll is not available here");
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EventLoops.ioHandlerFactory(true));
        try {
            assertThat(group.isIoType(EpollIoHandler.class)).isTrue();
        }
        finally {
            group.shutdownGracefully().syncUninterruptibly();
        }
    }
}
