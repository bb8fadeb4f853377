package io.imstarter.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A fixed pool of named daemon threads with a bounded queue. When the queue is full a task is dropped and counted,
 * with a warning at most every {@link #WARN_INTERVAL} (after close, silently): the callers are Netty event loops or
 * server threads, which must neither block nor run application code themselves.
 */
final class BoundedExecutor implements Executor, AutoCloseable {

    static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(BoundedExecutor.class);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final String name;

    private final ThreadPoolExecutor pool;

    private final LongAdder dropped = new LongAdder();

    private final AtomicLong nextWarnNanos = new AtomicLong(System.nanoTime());

    BoundedExecutor(String name, int threads, int queueCapacity) {
        this.name = name;
        CustomizableThreadFactory threadFactory = new CustomizableThreadFactory(name + "-");
        threadFactory.setDaemon(true);
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), threadFactory, (task, executor) -> {
                    throw new RejectedExecutionException(name + " is full or closed");
                });
    }

    /** Queues the task, or drops and counts it when the queue is full. */
    @Override
    public void execute(Runnable task) {
        if (!tryExecute(task)) {
            drop();
        }
    }

    /** Queues the task; false when the queue is full or closed, so that the caller can refuse instead of dropping. */
    boolean tryExecute(Runnable task) {
        try {
            pool.execute(task);
            return true;
        }
        catch (RejectedExecutionException full) {
            return false;
        }
    }

    /** Tasks dropped because the queue was full or the executor closed. */
    long dropped() {
        return dropped.sum();
    }

    private void drop() {
        dropped.increment();
        if (pool.isShutdown()) {
            return; // expected while the context closes: notifications of components closing after this one
        }
        long now = System.nanoTime();
        long next = nextWarnNanos.get();
        if (now - next >= 0 && nextWarnNanos.compareAndSet(next, now + WARN_INTERVAL.toNanos())) {
            log.warn("{} is full: dropped {} tasks so far; raise its queue capacity or thread count",
                    name, dropped.sum());
        }
    }

    /** Runs what is queued, then stops the threads, waiting a bounded time. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} did not finish its queued tasks within {}; interrupting them", name, CLOSE_TIMEOUT);
                pool.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
