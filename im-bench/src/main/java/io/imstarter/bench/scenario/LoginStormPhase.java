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

/** One login storm against one target: optional unmeasured warm-up logins, then the measured ones. */
final class LoginStormPhase {

    private final GeneratorSettings settings;
    private final String name;
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Latency latency = new Latency();
    private final FirstFailure firstFailure = new FirstFailure();

    LoginStormPhase(GeneratorSettings settings, String name) {
        this.settings = settings;
        this.name = name;
    }

    Map<String, Object> run(int logins, int warmupLogins, int concurrency, Duration deadline) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (LoadClients load = settings.newClients();
                Progress progress = new Progress("login-storm " + name, System.err, () -> String.format(
                        "ok=%d (+%d/s) failed=%d", succeeded.sum(), latency.takeInterval().getTotalCount(),
                        failed.sum()))) {
            if (warmupLogins > 0) {
                // unmeasured: JIT compilation on both sides would otherwise dominate a storm of a few seconds
                new Pacer(warmupLogins, 0, concurrency).run(index -> loginOnce(load, "w" + index), deadline);
                succeeded.reset();
                failed.reset();
                latency.reset();
            }
            long start = System.nanoTime();
            int started = new Pacer(logins, 0, concurrency).run(index -> loginOnce(load, "l" + index), deadline);
            double seconds = (System.nanoTime() - start) / 1e9;
            fields.put("started", started);
            fields.put("succeeded", succeeded.sum());
            fields.put("failed", failed.sum());
            fields.put("first_failure", firstFailure.describe());
            fields.put("elapsed_s", seconds);
            fields.put("logins_per_s", succeeded.sum() / seconds);
            fields.putAll(latency.summary("login"));
            fields.put("errors", load.counters().errors().toString());
        }
        return fields;
    }

    private CompletableFuture<?> loginOnce(LoadClients load, String user) {
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
}
