package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.client.LoadClients;
import io.imstarter.bench.client.LoginTokens;
import io.imstarter.bench.client.Target;
import io.imstarter.bench.metrics.ServerProbe;
import io.imstarter.bench.report.RunReport;
import io.imstarter.protocol.Transport;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Options every scenario shares: where to connect, how many IO threads and source addresses, who to probe.
 *
 * @param target the server under test
 * @param ioThreads event loop threads of the generator
 * @param sourceFrom the last byte of the first source address
 * @param sources source addresses to rotate over (0: the kernel chooses)
 * @param userPrefix prefix of every user id, unique per run so runs never kick each other
 * @param tokens the login token each client presents: a fixed one, or a JWT minted per login
 * @param probe the server process to measure, when its pid was given
 * @param loginTimeout how long a login may wait for its answer before it counts as failed
 * @param label groups runs of several generator processes that form one measurement (e.g. 50,000 UDP sessions)
 */
public record GeneratorSettings(Target target, int ioThreads, int sourceFrom, int sources, String userPrefix,
        LoginTokens tokens, Optional<ServerProbe> probe, Duration loginTimeout, String label) {

    public static GeneratorSettings from(Options options) {
        Transport transport = options.enumValue("transport", Transport.TCP);
        int defaultPort = switch (transport) {
            case TCP -> 8901;
            case UDP -> 7901;
            case WEBSOCKET -> 3000;
        };
        Target target = new Target(options.string("host", "127.0.0.1"),
                options.integer("port", defaultPort, 1, 65535), transport, options.string("ws-path", "/websocket"));
        long pid = options.longValue("server-pid", 0, 0, Long.MAX_VALUE);
        String prefix = options.string("user-prefix",
                "b" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36));
        return new GeneratorSettings(target, options.integer("io-threads", 2, 1, 64),
                options.integer("source-from", 1, 1, 254), options.integer("sources", 0, 0, 254), prefix, LoginTokens.from(options),
                pid == 0 ? Optional.empty() : Optional.of(new ServerProbe(pid)),
                options.duration("login-timeout", Duration.ofSeconds(10), Duration.ofMinutes(5)),
                options.string("label", ""));
    }

    public GeneratorSettings withTarget(Target newTarget) {
        return new GeneratorSettings(newTarget, ioThreads, sourceFrom, sources, userPrefix, tokens, probe, loginTimeout, label);
    }

    public GeneratorSettings withUserPrefix(String prefix) {
        return new GeneratorSettings(target, ioThreads, sourceFrom, sources, prefix, tokens, probe, loginTimeout, label);
    }

    /** A report for {@code scenario} against the target, carrying the label when one was given. */
    public RunReport newReport(String scenario) {
        RunReport report = new RunReport(scenario, target.label()).put("login_tokens", tokens.kind());
        return label.isEmpty() ? report : report.put("label", label);
    }

    public LoadClients newClients() {
        return new LoadClients(target, ioThreads, sourceFrom, sources);
    }
}
