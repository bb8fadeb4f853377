package io.imstarter.bench;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.relay.RelayMain;
import io.imstarter.bench.metrics.MachineLoad;
import io.imstarter.bench.report.ClusterReport;
import io.imstarter.bench.report.DeployedReport;
import io.imstarter.bench.report.GroupReport;
import io.imstarter.bench.report.MarkdownReport;
import io.imstarter.bench.report.RunReport;
import io.imstarter.bench.scenario.C2cScenario;
import io.imstarter.bench.scenario.CatchUpScenario;
import io.imstarter.bench.scenario.ConnectionsScenario;
import io.imstarter.bench.scenario.GeneratorSettings;
import io.imstarter.bench.scenario.GroupScenario;
import io.imstarter.bench.scenario.LoginStormScenario;
import io.imstarter.bench.scenario.S2cScenario;
import io.imstarter.bench.scenario.Scenario;
import io.imstarter.bench.server.BenchServerMain;
import java.util.function.BiFunction;

/**
 * Entry point: {@code java -jar im-bench.jar <command> [--option=value ...]}. Scenario commands print a progress
 * line a second on stderr, then a table and one JSON line on stdout.
 */
public final class BenchMain {

    private static final String USAGE = """
            usage: java -jar im-bench.jar <command> [--option=value ...]
              connections   --clients --login-rate --concurrency --hold --keepalive
              c2c           --pairs --rate | --window --warmup --duration --drain --payload --max-messages --relay-port
                            --retransmit-after (re-send un-ACKed messages, same fp; counts the copies de-dup stopped)
                            --receivers-offline (every message goes to the store)
                            --peer-port --peer-host (receivers on another node) --cpu-of=name:pid,.. --heap-of=name:pid,..
              catch-up      --in-process server with --store=h2|postgres --receivers --messages (per receiver) --senders
                            --sender-rate (each, msgs/s) --sender-window --timeout (server options below apply)
              group         --in-process server with --store=h2|postgres: a group of --members, --offline of them away,
                            one member offers --rate msgs/s for --duration (--sender-window un-ACKed at most, a 305
                            sent again), the others online over TCP, UDP and
                            WebSocket in turn; then the offline ones catch up (--drain bounds each wait, --stall
                            ends one without progress) and log in again (--quiet: how long a second login is
                            watched for replays), --login-rate
              login-storm   --logins --concurrency --warmup-logins --relay-port
              s2c           --clients --messages --window (--push-url=http://host:port/api/push | --in-process)
                            scenario options shared: --host --port --transport=tcp|ws|udp --ws-path --io-threads
                            --sources=n --source-from=k (rotate 127.0.0.k..k+n-1) --server-pid (heap/RSS probe) --user-prefix
                            --token (fixed) | --jwt-secret (HS256) | --jwt-key=pkcs8.pem (RS256), --jwt-ttl
                            --label (groups parallel generator processes)
              server        --tcp-port --udp-port --ws-port --io-threads --packets-per-second --packet-burst
                            --max-connections --max-connections-per-address --cluster-redis=redis://host:port --node-id
                            --store=none|h2|postgres --store-max-per-receiver
                            --jwt-secret (HS256 token login instead of allow-all)
              relay         --host --port --io-threads --max-connections --nio (Java NIO instead of epoll)
              report        --in=results.jsonl  (Markdown tables on stdout)
              cluster-report --in=cluster-results.jsonl --cluster-label=cluster --single-label=single
              deployed-report --in=deployed-results.jsonl  (relay, bare server and deployed target side by side)
              group-report  --in=groups-results.jsonl  (the group runs side by side, one column per database)
            """;

    private BenchMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || "help".equals(args[0]) || "--help".equals(args[0])) {
            System.out.print(USAGE);
            return;
        }
        try {
            run(args[0], Options.parse(args, 1));
        }
        catch (IllegalArgumentException ex) {
            System.err.println("im-bench: " + ex.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        }
        catch (Exception ex) {
            System.err.println("im-bench: " + args[0] + " failed: " + ex);
            ex.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String command, Options options) throws Exception {
        switch (command) {
            case "connections" -> scenario(options, ConnectionsScenario::new);
            case "c2c" -> scenario(options, C2cScenario::new);
            case "catch-up" -> scenario(options, CatchUpScenario::new);
            case "group" -> scenario(options, GroupScenario::new);
            case "login-storm" -> scenario(options, LoginStormScenario::new);
            case "s2c" -> scenario(options, S2cScenario::new);
            case "server" -> BenchServerMain.run(options);
            case "relay" -> RelayMain.run(options);
            case "report" -> MarkdownReport.run(options);
            case "cluster-report" -> ClusterReport.run(options);
            case "deployed-report" -> DeployedReport.run(options);
            case "group-report" -> GroupReport.run(options);
            default -> throw new IllegalArgumentException("Unknown command '" + command + "'");
        }
    }

    private static void scenario(Options options, BiFunction<GeneratorSettings, Options, Scenario> factory)
            throws Exception {
        Scenario scenario = factory.apply(GeneratorSettings.from(options), options);
        options.requireAllUsed();
        RunReport report = scenario.run();
        MachineLoad.now().ifPresent(load -> report.put("machine_load_1m", load));
        report.print(System.out);
    }
}
