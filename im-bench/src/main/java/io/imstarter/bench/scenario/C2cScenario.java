package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.client.Target;
import io.imstarter.bench.report.RunReport;
import io.imstarter.protocol.Transport;
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
        int relayPort = options.integer("relay-port", 0, 0, 65535);
        String relayHost = options.string("relay-host", settings.target().host());
        this.relay = relayPort == 0 ? null : new Target(relayHost, relayPort, Transport.TCP, "/");
        if (relay != null && settings.target().transport() != Transport.TCP) {
            throw new IllegalArgumentException("The relay speaks TCP only; run c2c with --transport=tcp to compare");
        }
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
            report.put("relay_target", relay.label());
            physics.forEach((key, value) -> report.put("relay_" + key, value));
            report.put("ratio_acked_per_s", ratio(ours.get("acked_per_s"), physics.get("acked_per_s")));
            report.put("ratio_ack_p99", ratio(ours.get("ack_p99_ms"), physics.get("ack_p99_ms")));
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

    private static double ratio(Object ours, Object relay) {
        double denominator = ((Number) relay).doubleValue();
        return denominator == 0 ? 0 : ((Number) ours).doubleValue() / denominator;
    }
}
