package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.client.Target;
import io.imstarter.bench.metrics.ProcessWatch;
import io.imstarter.bench.report.RunReport;
import java.util.Map;

/**
 * P sender/receiver pairs exchanging QoS messages through the server, at a fixed offered rate or as fast as ACKs
 * allow. With {@code --relay-port} the same plan then runs against the reference relay in the same invocation and
 * the report carries ours/relay ratios. With {@code --peer-port} (and {@code --peer-host}) the receivers log in at
 * that server instead, another node of a cluster, so every message crosses nodes; {@code --cpu-of} and
 * {@code --heap-of} report the CPU share and heap of the servers (and Redis) during the run.
 */
public final class C2cScenario implements Scenario {

    private final GeneratorSettings settings;
    private final C2cPlan plan;
    private final Target relay;
    private final Target receivers;
    private final ProcessWatch watch;

    public C2cScenario(GeneratorSettings settings, Options options) {
        this.settings = settings;
        this.plan = C2cPlan.from(options);
        this.relay = RelayComparison.target(options, settings).orElse(null);
        this.receivers = peer(options, settings.target());
        this.watch = ProcessWatch.from(options);
        if (relay != null && !receivers.equals(settings.target())) {
            throw new IllegalArgumentException("--relay-port and --peer-port do not go together: the relay pairs"
                    + " connections of one process");
        }
        if (relay != null && plan.receiversOffline()) {
            throw new IllegalArgumentException("--relay-port and --receivers-offline do not go together: the relay has"
                    + " no store and forwards only to a partner that is there");
        }
    }

    /** Where receivers log in: the peer node when {@code --peer-port} is given, else the senders' server. */
    static Target peer(Options options, Target senders) {
        int port = options.integer("peer-port", 0, 0, 65535);
        String host = options.string("peer-host", senders.host());
        if (port == 0) {
            if (!host.equals(senders.host())) {
                throw new IllegalArgumentException("--peer-host needs --peer-port");
            }
            return senders;
        }
        return new Target(host, port, senders.transport(), senders.wsPath());
    }

    @Override
    public RunReport run() throws Exception {
        RunReport report = settings.newReport("c2c");
        report.put("transport", settings.target().transport().name()).put("pairs", plan.pairs())
                .put("connections", plan.pairs() * 2).put("mode", plan.windowMode() ? "window" : "rate")
                .put("receiver_target", plan.receiversOffline() ? "offline" : receivers.label()).put("offered_rate", plan.rate()).put("window", plan.window()).put("payload_bytes", plan.payload());
        report.put("warmup_s", plan.warmup().toSeconds());
        Map<String, Object> ours = measure(settings, receivers, "server");
        report.putAll(ours);
        if (relay != null) {
            Map<String, Object> physics = measure(settings.withTarget(relay), relay, "relay");
            RelayComparison.report(report, relay, ours, physics, "acked_per_s", "ack_p99_ms");
        }
        return report;
    }

    /** Runs the warm-up (if any, results discarded), then the measured phase. */
    private Map<String, Object> measure(GeneratorSettings target, Target receiverTarget, String name)
            throws Exception {
        if (!plan.warmup().isZero()) {
            new C2cPhase(target.withUserPrefix(target.userPrefix() + "w"), receiverTarget, plan.forWarmup(),
                    ProcessWatch.generatorOnly(), name + " warm-up").run();
        }
        return new C2cPhase(target, receiverTarget, plan, watch, name).run();
    }
}
