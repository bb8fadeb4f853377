package io.imstarter.bench.metrics;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints one progress line a second while a scenario runs, on its own daemon thread. */
public final class Progress implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "im-bench-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final long startNanos = System.nanoTime();

    /** Starts printing {@code line} to {@code out} every second, prefixed with the elapsed seconds. */
    public Progress(String scenario, PrintStream out, Supplier<String> line) {
        timer.scheduleAtFixedRate(() -> {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
            try {
                out.printf("[%s %3ds] %s%n", scenario, seconds, line.get());
            }
            catch (RuntimeException ex) {
                out.printf("[%s %3ds] progress unavailable: %s%n", scenario, seconds, ex);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
