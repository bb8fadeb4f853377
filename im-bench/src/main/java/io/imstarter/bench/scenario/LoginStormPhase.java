package io.imstarter.bench.scenario;

import io.imstarter.bench.client.LoadClients;
import io.imstarter.bench.client.PacketListener;
import io.imstarter.bench.metrics.Latency;
import io.imstarter.bench.metrics.Progress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Login storms against one target: unmeasured warm-up rounds, then measured rounds whose counts, time and latency
 * add up, so the scenario can interleave the rounds of two targets.
 */
final class LoginStormPhase implements AutoCloseable {

    private final GeneratorSettings settings;
    private final int concurrency;
    private final Duration deadline;
    private final LoadClients load;
    private final Progress progress;
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Latency latency = new Latency();
    private final FirstFailure firstFailure = new FirstFailure();
    private int started;
    private long measuredNanos;
    /** Numbers the users of each round on from the last, so no round logs in a user another just closed. */
    private int nextUser;

    LoginStormPhase(GeneratorSettings settings, String name, int concurrency, Duration deadline) {
        this.settings = settings;
        this.concurrency = concurrency;
        this.deadline = deadline;
        this.load = settings.newClients();
        this.progress = new Progress("login-storm " + name, System.err, () -> String.format("ok=%d (+%d/s) failed=%d",
                succeeded.sum(), latency.takeInterval().getTotalCount(), failed.sum()));
    }

    /** Unmeasured logins: JIT compilation on both sides would otherwise dominate a storm of a few seconds. */
    void warmUp(int logins) throws Exception {
        if (logins == 0) {
            return;
        }
        round(logins, "w");
        succeeded.reset();
        failed.reset();
        latency.reset();
    }

    /** Measured logins, added to the rounds measured before. */
    void measure(int logins) throws Exception {
        long start = System.nanoTime();
        started += round(logins, "l");
        measuredNanos += System.nanoTime() - start;
    }

    Map<String, Object> report() {
        double seconds = measuredNanos / 1e9;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("started", started);
        fields.put("succeeded", succeeded.sum());
        fields.put("failed", failed.sum());
        fields.put("first_failure", firstFailure.describe());
        fields.put("elapsed_s", seconds);
        fields.put("logins_per_s", succeeded.sum() / seconds);
        fields.putAll(latency.summary("login"));
        fields.put("errors", load.counters().errors().toString());
        return fields;
    }

    private int round(int logins, String prefix) throws Exception {
        int first = nextUser;
        nextUser += logins;
        return new Pacer(logins, 0, concurrency).run(index -> loginOnce(prefix + (first + index)), deadline);
    }

    private CompletableFuture<?> loginOnce(String user) {
        long start = System.nanoTime();
        String userId = settings.userPrefix() + "-" + user;
        return Logins.open(load, settings, userId, null, PacketListener.IGNORE).handle((connection, failure) -> {
            if (failure != null) {
                failed.increment();
                firstFailure.record(failure);
                return CompletableFuture.completedFuture(null);
            }
            latency.recordSince(start);
            succeeded.increment();
            return connection.close();
        }).thenCompose(closed -> closed);
    }

    @Override
    public void close() throws Exception {
        try {
            load.close();
        }
        finally {
            progress.close();
        }
    }
}
