package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.client.Target;
import io.imstarter.bench.report.RunReport;
import io.imstarter.protocol.Transport;
import java.util.Map;
import java.util.Optional;

/** The optional second target of a scenario: the reference relay, and the ours/relay ratios it yields. */
final class RelayComparison {

    private RelayComparison() {
    }

    /** The relay named by {@code --relay-port} (and {@code --relay-host}), if any; it speaks TCP only. */
    static Optional<Target> target(Options options, GeneratorSettings settings) {
        int port = options.integer("relay-port", 0, 0, 65535);
        String host = options.string("relay-host", settings.target().host());
        if (port == 0) {
            return Optional.empty();
        }
        if (settings.target().transport() != Transport.TCP) {
            throw new IllegalArgumentException("The relay speaks TCP only; compare with --transport=tcp");
        }
        return Optional.of(new Target(host, port, Transport.TCP, "/"));
    }

    /** Adds the relay's figures prefixed {@code relay_} and {@code ratio_<key>} = ours / relay for each key. */
    static void report(RunReport report, Target relay, Map<String, Object> ours, Map<String, Object> physics,
            String... ratioKeys) {
        report.put("relay_target", relay.label());
        physics.forEach((key, value) -> report.put("relay_" + key, value));
        for (String key : ratioKeys) {
            double denominator = ((Number) physics.get(key)).doubleValue();
            report.put("ratio_" + key, denominator == 0 ? 0 : ((Number) ours.get(key)).doubleValue() / denominator);
        }
    }
}
