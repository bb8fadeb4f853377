package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.client.LoadClients;
import io.imstarter.bench.client.PacketListener;
import io.imstarter.bench.metrics.Latency;
import io.imstarter.bench.metrics.Progress;
import io.imstarter.bench.report.RunReport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * K logins as fast as a bounded number of concurrent attempts allows: connect, log in, close. Latency runs from
 * the start of the connect to the login answer. Closing frees the slot, so open files stay near the concurrency.
 */
public final class LoginStormScenario implements Scenario {

    private final GeneratorSettings settings;
    private final int logins;
    private final int concurrency;
    private final Duration deadline;
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Latency latency = new Latency();
    private final FirstFailure firstFailure = new FirstFailure();

    public LoginStormScenario(GeneratorSettings settings, Options options) {
        this.settings = settings;
        this.logins = options.integer("logins", 10_000, 1, 1_000_000);
        this.concurrency = options.integer("concurrency", 200, 1, 10_000);
        this.deadline = options.duration("deadline", Duration.ofMinutes(3), Duration.ofHours(1));
    }

    @Override
    public RunReport run() throws Exception {
        RunReport report = settings.newReport("login-storm");
        report.put("transport", settings.target().transport().name()).put("logins", logins)
                .put("concurrency", concurrency);
        try (LoadClients load = settings.newClients();
                Progress progress = new Progress("login-storm", System.err, () -> String.format(
                        "ok=%d (+%d/s) failed=%d", succeeded.sum(), latency.takeInterval().getTotalCount(),
                        failed.sum()))) {
            long start = System.nanoTime();
            int started = new Pacer(logins, 0, concurrency).run(index -> loginOnce(load, index), deadline);
            double seconds = (System.nanoTime() - start) / 1e9;
            report.put("started", started).put("succeeded", succeeded.sum()).put("failed", failed.sum())
                    .put("first_failure", firstFailure.describe())
                    .put("elapsed_s", seconds).put("logins_per_s", succeeded.sum() / seconds)
                    .putAll(latency.summary("login"))
                    .put("errors", load.counters().errors().toString());
        }
        return report;
    }

    private CompletableFuture<?> loginOnce(LoadClients load, int index) {
        long start = System.nanoTime();
        String userId = settings.userPrefix() + "-l" + index;
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
