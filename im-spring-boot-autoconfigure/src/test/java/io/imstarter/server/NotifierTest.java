package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where listeners are called: a notification raised on an event loop reaches one that may block on the pool. */
class NotifierTest {

    private final DispatchPool dispatchPool = new DispatchPool(1, 100);

    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor(TestIoThread::new);

    @AfterEach
    void stop() {
        dispatchPool.shutdownNow();
        eventLoop.shutdownNow();
    }

    @Test
    void aListenerThatNeverBlocksIsCalledOnTheEventLoopAndTheOthersOnTheDispatchPool() throws Exception {
        CompletableFuture<String> queuing = new CompletableFuture<>();
        CompletableFuture<String> blocking = new CompletableFuture<>();
        Notifier notifier = new Notifier(List.of(new ThreadRecorder(queuing, true), new ThreadRecorder(blocking, false)),
                dispatchPool, new ImServerStats());

        eventLoop.submit(() -> notifier.notify("logged in", listener -> listener.onLoggedIn(null))).get();

        assertThat(queuing.get(5, TimeUnit.SECONDS)).startsWith("test-io");
        assertThat(blocking.get(5, TimeUnit.SECONDS)).startsWith("im-dispatch");
    }

    @Test
    void offTheEventLoopEveryListenerIsCalledOnTheRaisingThread() throws Exception {
        CompletableFuture<String> queuing = new CompletableFuture<>();
        CompletableFuture<String> blocking = new CompletableFuture<>();
        Notifier notifier = new Notifier(List.of(new ThreadRecorder(queuing, true), new ThreadRecorder(blocking, false)),
                dispatchPool, new ImServerStats());

        notifier.notify("logged in", listener -> listener.onLoggedIn(null));

        assertThat(queuing).isCompletedWithValue(Thread.currentThread().getName());
        assertThat(blocking).isCompletedWithValue(Thread.currentThread().getName());
    }

    /** Records the thread of its first call. */
    private record ThreadRecorder(CompletableFuture<String> thread, boolean neverBlocks) implements ImServerListener {

        @Override
        public void onLoggedIn(SessionInfo session) {
            thread.complete(Thread.currentThread().getName());
        }
    }

    /** A thread the core takes for an IO thread of its transport, as it takes the event loops of Netty's. */
    private static final class TestIoThread extends Thread implements IoThread {

        TestIoThread(Runnable task) {
            super(task, "test-io");
        }
    }
}
