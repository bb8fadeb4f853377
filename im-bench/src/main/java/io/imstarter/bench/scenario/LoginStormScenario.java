package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.client.Target;
import io.imstarter.bench.report.RunReport;
import java.time.Duration;
import java.util.Map;

/**
 * K logins as fast as a bounded number of concurrent attempts allows: connect, log in, close. Latency runs from
 * the start of the connect to the login answer. Closing frees the slot, so open files stay near the concurrency.
 * With {@code --relay-port} the same storm then runs against the relay, whose minimal login answer is the
 * physics line for what the generator and the machine allow.
 */
public final class LoginStormScenario implements Scenario {

    private final GeneratorSettings settings;
    private final int logins;
    private final int concurrency;
    private final int warmupLogins;
    private final Duration deadline;
    private final Target relay;

    public LoginStormScenario(GeneratorSettings settings, Options options) {
        this.settings = settings;
        this.logins = options.integer("logins", 10_000, 1, 1_000_000);
        this.concurrency = options.integer("concurrency", 200, 1, 10_000);
        this.warmupLogins = options.integer("warmup-logins", 0, 0, 1_000_000);
        this.deadline = options.duration("deadline", Duration.ofMinutes(3), Duration.ofHours(1));
        this.relay = RelayComparison.target(options, settings).orElse(null);
    }

    @Override
    public RunReport run() throws Exception {
        RunReport report = settings.newReport("login-storm");
        report.put("transport", settings.target().transport().name()).put("logins", logins)
                .put("concurrency", concurrency).put("warmup_logins", warmupLogins);
        Map<String, Object> ours = new LoginStormPhase(settings, "server")
                .run(logins, warmupLogins, concurrency, deadline);
        report.putAll(ours);
        if (relay != null) {
            Map<String, Object> physics = new LoginStormPhase(settings.withTarget(relay), "relay")
                    .run(logins, warmupLogins, concurrency, deadline);
            RelayComparison.report(report, relay, ours, physics, "logins_per_s", "login_p99_ms");
        }
        return report;
    }
}
