package io.imstarter.cluster.redis;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cluster's own bounded threads, so that nothing the cluster does runs on Redis client or Netty threads. */
final class ClusterThreads {

    private static final Logger log = LoggerFactory.getLogger(ClusterThreads.class);
    /** Messages from other nodes waiting to be handled; beyond it they are dropped and QoS re-sends them. */
    static final int INBOUND_QUEUE = 100_000;
    private static final int COMPLETION_QUEUE = 100_000;
    private static final int COMPLETION_THREADS = 2;

    private ClusterThreads() {
    }

    /** One thread, so that messages from other nodes are handled in the order they were published. */
    static ExecutorService serial(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(INBOUND_QUEUE),
                daemon(name), (task, pool) -> log.warn("IM cluster: {} is full ({} messages); dropped one, whose"
                        + " sender re-sends it if it has QoS", name, INBOUND_QUEUE));
    }

    static ExecutorService pool(String name) {
        return new ThreadPoolExecutor(COMPLETION_THREADS, COMPLETION_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(COMPLETION_QUEUE), daemon(name));
    }

    static ScheduledExecutorService scheduler(String name) {
        return new ScheduledThreadPoolExecutor(1, daemon(name));
    }

    /** Runs on {@code executor}, or on the caller when it is full or shut down (the node is leaving). */
    static Executor orCaller(Executor executor) {
        return task -> {
            try {
                executor.execute(task);
            }
            catch (RejectedExecutionException full) {
                task.run();
            }
        };
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger sequence = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
