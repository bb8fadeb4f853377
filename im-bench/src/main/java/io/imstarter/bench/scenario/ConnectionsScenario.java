package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.client.ClientCounters;
import io.imstarter.bench.client.LeanConnection;
import io.imstarter.bench.client.LoadClients;
import io.imstarter.bench.client.PacketListener;
import io.imstarter.bench.metrics.Latency;
import io.imstarter.bench.metrics.Progress;
import io.imstarter.bench.metrics.ServerProbe;
import io.imstarter.bench.metrics.UdpReceiveErrors;
import io.imstarter.bench.report.RunReport;
import io.imstarter.protocol.Transport;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Logs in N clients at a given rate, holds them with keep-alives for a duration, and reports logins/s, failures,
 * drops and the server's heap and RSS per held connection.
 */
public final class ConnectionsScenario implements Scenario {

    private final GeneratorSettings settings;
    private final int clients;
    private final double loginRate;
    private final int concurrency;
    private final Duration hold;
    private final Duration keepAlive;

    private final LongAdder loggedIn = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Latency loginLatency = new Latency();
    private final FirstFailure firstFailure = new FirstFailure();
    private final Queue<LeanConnection> held = new ConcurrentLinkedQueue<>();
    private LoadClients load;

    public ConnectionsScenario(GeneratorSettings settings, Options options) {
        this.settings = settings;
        this.clients = options.integer("clients", 1000, 1, 200_000);
        this.loginRate = options.integer("login-rate", 2000, 0, 1_000_000);
        this.concurrency = options.integer("concurrency", 500, 1, 20_000);
        this.hold = options.duration("hold", Duration.ofSeconds(45), Duration.ofHours(1));
        this.keepAlive = options.duration("keepalive", Duration.ofSeconds(15), Duration.ofMinutes(10));
        if (keepAlive.isZero()) {
            throw new IllegalArgumentException("--keepalive must be positive");
        }
    }

    @Override
    public RunReport run() throws Exception {
        RunReport report = settings.newReport("connections");
        report.put("transport", settings.target().transport().name()).put("clients", clients)
                .put("login_rate_target", (long) loginRate).put("hold_s", hold.toSeconds())
                .put("keepalive_s", keepAlive.toSeconds());
        Optional<ServerProbe.Snapshot> baseline = settings.probe().map(ServerProbe::snapshot);
        OptionalLong udpDropsBefore = UdpReceiveErrors.now();
        try (LoadClients clientsOfRun = settings.newClients()) {
            load = clientsOfRun;
            ClientCounters counters = load.counters();
            long loginStart = System.nanoTime();
            double loginSeconds;
            try (Progress progress = new Progress("connections", System.err, () -> String.format(
                    "logged-in=%d failed=%d held=%d drops=%d ka-sent=%d ka-answered=%d errors=%d",
                    loggedIn.sum(), failed.sum(), held.size(), counters.unexpectedCloses(),
                    counters.keepAlivesSent(), counters.keepAliveAnswers(), counters.errorTotal()))) {
                Pacer pacer = new Pacer(clients, loginRate, concurrency);
                pacer.run(this::loginOne, Duration.ofMinutes(10));
                loginSeconds = (System.nanoTime() - loginStart) / 1e9;
                long holdEnd = System.nanoTime() + hold.toNanos();
                while (System.nanoTime() < holdEnd) {
                    Thread.sleep(Math.min(200, Math.max(1, (holdEnd - System.nanoTime()) / 1_000_000)));
                }
                report.put("logged_in", loggedIn.sum()).put("login_failures", failed.sum())
                        .put("first_failure", firstFailure.describe())
                        .put("logins_per_s", loggedIn.sum() / loginSeconds).putAll(loginLatency.summary("login"));
                long stillOpen = held.stream().filter(LeanConnection::isActive).count();
                // a drop is a logged-in connection the server closed, during the login phase or the hold
                report.put("held_at_end", stillOpen).put("drops", counters.unexpectedCloses());
                settings.probe().ifPresent(probe -> reportMemory(report, probe, baseline.orElseThrow(), stillOpen));
                held.forEach(LeanConnection::stopKeepAlive);
                awaitKeepAliveAnswers(counters);
            }
            report.put("keepalives_sent", counters.keepAlivesSent())
                    .put("keepalive_answers", counters.keepAliveAnswers())
                    .put("errors", counters.errors().toString())
                    .put("malformed_inbound", counters.malformedInbound());
            OptionalLong udpDropsAfter = UdpReceiveErrors.now();
            if (settings.target().transport() == Transport.UDP && udpDropsBefore.isPresent()
                    && udpDropsAfter.isPresent()) {
                report.put("udp_rcvbuf_errors_machine", udpDropsAfter.getAsLong() - udpDropsBefore.getAsLong());
            }
            LeanConnection.closeAll(held);
        }
        return report;
    }

    private CompletableFuture<?> loginOne(int index) {
        long start = System.nanoTime();
        String userId = settings.userPrefix() + "-c" + index;
        return Logins.open(load, settings, userId, null, PacketListener.IGNORE).whenComplete((connection, failure) -> {
            if (failure != null) {
                failed.increment();
                firstFailure.record(failure);
                return;
            }
            loginLatency.recordSince(start);
            loggedIn.increment();
            held.add(connection);
            long firstMillis = keepAlive.toMillis() / 2
                    + ThreadLocalRandom.current().nextLong(Math.max(1, keepAlive.toMillis() / 2));
            connection.startKeepAlive(keepAlive, Duration.ofMillis(firstMillis));
        });
    }

    private void reportMemory(RunReport report, ServerProbe probe, ServerProbe.Snapshot base, long connections) {
        ServerProbe.Snapshot now = probe.snapshot();
        report.put("server_heap_baseline_kib", base.heapUsedKiB()).put("server_heap_held_kib", now.heapUsedKiB())
                .put("server_heap_bytes_per_conn", now.heapBytesPer(base, connections))
                .put("server_rss_baseline_kib", base.rssKiB()).put("server_rss_held_kib", now.rssKiB())
                .put("server_rss_bytes_per_conn", now.rssBytesPer(base, connections));
    }

    /** Keep-alives written just before the end of the hold are still in flight; give them a moment. */
    private static void awaitKeepAliveAnswers(ClientCounters counters) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (counters.keepAliveAnswers() < counters.keepAlivesSent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
