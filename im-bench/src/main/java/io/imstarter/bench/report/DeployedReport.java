package io.imstarter.bench.report;

import io.imstarter.bench.cli.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * {@code deployed-report} command: the runs of {@code run-benchmarks.sh deployed} side by side, one column per target
 * (the relay, the bare {@code im-bench server}, the deployed application on H2 and on PostgreSQL), one row per case
 * and figure, then issue 22's targets judged from the deployed columns. Each run's {@code label} is
 * {@code <target>:<case>}; the relay's figures are those measured in the same invocation as ours.
 */
public final class DeployedReport {


    /** Targets in column order, with their column headings. */
    static final Map<String, String> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("bare", "`im-bench server` (allow-all, no store)");
        TARGETS.put("deployed-h2", "deployed, H2 file");
        TARGETS.put("deployed-pg", "deployed, PostgreSQL");
    }

    private final List<Map<String, Object>> runs;

    DeployedReport(List<Map<String, Object>> runs) {
        this.runs = runs;
    }

    public static void run(Options options) throws IOException {
        Path in = Path.of(options.string("in", "deployed-results.jsonl"));
        options.requireAllUsed();
        List<Map<String, Object>> runs = RunReport.readRuns(in);
        new DeployedReport(runs).print(System.out);
    }

    void print(PrintStream out) {
        out.print("| case | figure | relay |");
        TARGETS.values().forEach(heading -> out.print(" " + heading + " |"));
        out.println();
        out.println("|---|---|---|" + "---|".repeat(TARGETS.size()));
        row(out, "saturation", "acked msgs/s (median of runs)", "acked_per_s", true);
        row(out, "saturation", "spread of runs (max/min - 1)", "spread", false);
        row(out, "saturation", "ratio to the relay", "ratio_acked_per_s", false);
        row(out, "c2c-10k", "ACK p50 ms", "ack_p50_ms", true);
        row(out, "c2c-10k", "ACK p99 ms", "ack_p99_ms", true);
        row(out, "c2c-10k", "p99 ratio to the relay", "ratio_ack_p99_ms", false);
        row(out, "c2c-10k", "lost / duplicates", "lost_duplicates", false);
        row(out, "offline-window", "stored msgs/s (all receivers offline)", "acked_per_s", false);
        row(out, "offline-5k", "ACK p99 ms at 5,000 msgs/s offered, all stored", "ack_p99_ms", false);
        row(out, "offline-5k", "acked msgs/s / lost", "acked_lost", false);
        row(out, "login-noauth", "logins/s, allow-all login", "logins_per_s", true);
        row(out, "login-jwt", "HS256 token logins/s", "logins_per_s", true);
        row(out, "login-jwt", "ratio to the relay", "ratio_logins_per_s", false);
        row(out, "login-rs256", "RS256 token logins/s", "logins_per_s", false);
        out.println();
        out.println("| issue 22 target | result | measured |");
        out.println("|---|---|---|");
        for (String target : List.of("deployed-h2", "deployed-pg")) {
            judge(out, target, "saturation >= 0.5x the relay, three runs within 10 %", "saturation",
                    stats -> median(stats, "ratio_acked_per_s") >= 0.5 && spread(stats) <= 0.10,
                    "ratio_acked_per_s", "spread");
            judge(out, target, "10,000 connections at 5,000 msgs/s: ACK p99 <= 3x the relay's", "c2c-10k",
                    stats -> median(stats, "ratio_ack_p99_ms") <= 3, "ratio_ack_p99_ms", "ack_p99_ms");
            judge(out, target, "all receivers offline: >= 20,000 stored msgs/s", "offline-window",
                    stats -> median(stats, "acked_per_s") >= 20_000, "acked_per_s");
            judge(out, target, "all receivers offline, 5,000 msgs/s offered: ACK p99 <= 50 ms", "offline-5k",
                    stats -> median(stats, "ack_p99_ms") <= 50, "ack_p99_ms");
            judge(out, target, "HS256 login storm >= 0.8x the relay", "login-jwt",
                    stats -> median(stats, "ratio_logins_per_s") >= 0.8, "ratio_logins_per_s");
        }
    }

    private void row(PrintStream out, String caseName, String figure, String key, boolean relayToo) {
        StringBuilder line = new StringBuilder("| " + caseName + " | " + figure + " |");
        List<Map<String, Object>> all = TARGETS.keySet().stream().flatMap(t -> of(t, caseName).stream()).toList();
        line.append(relayToo && !all.isEmpty() ? " " + format(median(all, "relay_" + key)) + " |" : " |");
        for (String target : TARGETS.keySet()) {
            line.append(' ').append(cell(of(target, caseName), key)).append(" |");
        }
        out.println(line);
    }

    private static String cell(List<Map<String, Object>> matching, String key) {
        if (matching.isEmpty()) {
            return "not run";
        }
        return switch (key) {
            case "spread" -> String.format("%.1f %%", spread(matching) * 100);
            case "lost_duplicates" -> format(sum(matching, "lost")) + " / " + format(sum(matching, "duplicates_received"));
            case "acked_lost" -> format(median(matching, "acked_per_s")) + " / " + format(sum(matching, "lost"));
            default -> format(median(matching, key));
        };
    }

    private void judge(PrintStream out, String target, String title, String caseName,
            java.util.function.Predicate<List<Map<String, Object>>> met, String... shown) {
        List<Map<String, Object>> matching = of(target, caseName);
        String heading = TARGETS.get(target) + ": " + title;
        if (matching.isEmpty()) {
            out.printf("| %s | not measured | |%n", heading);
            return;
        }
        StringBuilder figures = new StringBuilder();
        for (String key : shown) {
            figures.append(figures.isEmpty() ? "" : ", ").append(key).append('=').append(cell(matching, key));
        }
        out.printf("| %s | %s | %s |%n", heading, met.test(matching) ? "met" : "**not met**", figures);
    }

    private List<Map<String, Object>> of(String target, String caseName) {
        String label = target + ":" + caseName;
        return runs.stream().filter(run -> Objects.equals(label, run.get("label"))).toList();
    }

    static double median(List<Map<String, Object>> matching, String key) {
        double[] values = matching.stream().mapToDouble(run -> MarkdownReport.number(run, key)).filter(v -> !Double.isNaN(v))
                .sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double sum(List<Map<String, Object>> matching, String key) {
        return matching.stream().mapToDouble(run -> MarkdownReport.number(run, key)).sum();
    }

    /** max/min - 1 of the runs' acked msgs/s: 0.05 means the runs lie within 5 % of each other. */
    static double spread(List<Map<String, Object>> matching) {
        ToDoubleFunction<Map<String, Object>> acked = run -> MarkdownReport.number(run, "acked_per_s");
        DoubleSummaryStatistics stats = matching.stream().mapToDouble(acked).summaryStatistics();
        return stats.getMin() <= 0 ? Double.NaN : stats.getMax() / stats.getMin() - 1;
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100) {
            return String.format("%,.0f", value);
        }
        return String.format("%.2f", value);
    }
}
