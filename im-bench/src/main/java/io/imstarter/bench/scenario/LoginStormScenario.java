package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.client.Target;
import io.imstarter.bench.report.RunReport;
import java.time.Duration;
import java.util.Map;

/**
 * K logins as fast as a bounded number of concurrent attempts allows: connect, log in, close. Latency runs from
 * the start of the connect to the login answer. Closing frees the slot, so open files stay near the concurrency.
 * With {@code --relay-port} the same storm runs against the relay too, whose minimal login answer is the physics
 * line for what the generator and the machine allow. The generator's own JVM warms up as it goes, so whichever
 * target is measured later is favoured (by 15 to 25 % in storms on this machine): both targets are warmed up before
 * either is measured, and the measured logins run in quarters, in the order {@link #ROUNDS} gives, so that neither
 * target runs more of its logins early or late.
 */
public final class LoginStormScenario implements Scenario {

    /** Which target measures each round, ours ({@code 'o'}) or the relay ({@code 'r'}): ABBA, then BAAB. */
    private static final String ROUNDS = "orroroor";

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
        try (LoginStormPhase ours = new LoginStormPhase(settings, "server", concurrency, deadline);
                LoginStormPhase physics = relay == null ? null
                        : new LoginStormPhase(settings.withTarget(relay), "relay", concurrency, deadline)) {
            ours.warmUp(warmupLogins);
            if (physics == null) {
                ours.measure(logins);
                report.putAll(ours.report());
                return report;
            }
            physics.warmUp(warmupLogins);
            int perTarget = ROUNDS.length() / 2;
            int[] done = new int[2];
            for (char round : ROUNDS.toCharArray()) {
                int target = round == 'o' ? 0 : 1;
                int share = logins * (done[target] + 1) / perTarget - logins * done[target] / perTarget;
                (target == 0 ? ours : physics).measure(share);
                done[target]++;
            }
            Map<String, Object> measured = ours.report();
            report.putAll(measured);
            RelayComparison.report(report, relay, measured, physics.report(), "logins_per_s", "login_p99_ms");
        }
        return report;
    }
}
