package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.client.Target;
import io.imstarter.bench.report.RunReport;
import java.util.Map;

/**
 * P sender/receiver pairs exchanging QoS messages through the server, at a fixed offered rate or as fast as ACKs
 * allow. With {@code --relay-port} the same plan then runs against the reference relay in the same invocation and
 * the report carries ours/relay ratios.
 */
public final class C2cScenario implements Scenario {

    private final GeneratorSettings settings;
    private final C2cPlan plan;
    private final Target relay;

    public C2cScenario(GeneratorSettings settings, Options options) {
        this.settings = settings;
        this.plan = C2cPlan.from(options);
        this.relay = RelayComparison.target(options, settings).orElse(null);
    }

    @Override
    public RunReport run() throws Exception {
        RunReport report = settings.newReport("c2c");
        report.put("transport", settings.target().transport().name()).put("pairs", plan.pairs())
                .put("connections", plan.pairs() * 2).put("mode", plan.windowMode() ? "window" : "rate")
                .put("offered_rate", plan.rate()).put("window", plan.window()).put("payload_bytes", plan.payload());
        report.put("warmup_s", plan.warmup().toSeconds());
        Map<String, Object> ours = measure(settings, "server");
        report.putAll(ours);
        if (relay != null) {
            Map<String, Object> physics = measure(settings.withTarget(relay), "relay");
            RelayComparison.report(report, relay, ours, physics, "acked_per_s", "ack_p99_ms");
        }
        return report;
    }

    /** Runs the warm-up (if any, results discarded), then the measured phase. */
    private Map<String, Object> measure(GeneratorSettings target, String name) throws Exception {
        if (!plan.warmup().isZero()) {
            new C2cPhase(target.withUserPrefix(target.userPrefix() + "w"), plan.forWarmup(), name + " warm-up").run();
        }
        return new C2cPhase(target, plan, name).run();
    }
}
