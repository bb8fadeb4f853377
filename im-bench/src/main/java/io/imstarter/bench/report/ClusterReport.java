package io.imstarter.bench.report;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.metrics.Latency;
import io.imstarter.bench.metrics.ProcessWatch;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code cluster-report} command: merges the c2c runs of the generator processes that together made one load (those
 * sharing a {@code --label}), for the cluster and for the single node, and prints the Markdown table that compares
 * them. Counts and rates add up, ACK percentiles come from the merged histograms, CPU shares of the servers come
 * from the run that watched them, and the generators' shares add up.
 */
public final class ClusterReport {

    private static final List<String> SUMMED = List.of("pairs_ready", "offered_rate", "sent", "acked", "lost",
            "duplicates_received", "acked_per_s", "login_failures", "unexpected_closes",
            "cpu_share_" + ProcessWatch.GENERATOR);

    /** What the table shows, in order: key in the merged run, and its caption. */
    private static final List<String[]> ROWS = List.of(
            new String[] {"processes", "generator processes"},
            new String[] {"connections", "connections ready"},
            new String[] {"offered_rate", "offered msgs/s"},
            new String[] {"acked_per_s", "acked msgs/s"},
            new String[] {"ack_p50_ms", "ACK p50 ms"},
            new String[] {"ack_p99_ms", "ACK p99 ms"},
            new String[] {"sent", "sent"},
            new String[] {"lost", "lost (no ACK by the end of the drain)"},
            new String[] {"duplicates_received", "duplicates received"},
            new String[] {"login_failures", "login failures"},
            new String[] {"heap_a_mib", "server a live heap MiB (after full GC, connections held)"},
            new String[] {"heap_b_mib", "server b live heap MiB"},
            new String[] {"cpu_share_a", "server a CPU (cores, sending window)"},
            new String[] {"cpu_share_b", "server b CPU (cores)"},
            new String[] {"cpu_share_redis", "redis-server CPU (cores)"},
            new String[] {"cpu_share_generator", "generators' CPU (cores, added up)"},
            new String[] {"machine_load_1m", "machine load (1 min, at the end)"});

    private final Map<String, Object> cluster;
    private final Map<String, Object> single;

    ClusterReport(List<Map<String, Object>> runs, String clusterLabel, String singleLabel) {
        this.cluster = merge(runs, clusterLabel);
        this.single = merge(runs, singleLabel);
    }

    public static void run(Options options) throws IOException {
        Path in = Path.of(options.string("in", "cluster-results.jsonl"));
        String clusterLabel = options.string("cluster-label", "cluster");
        String singleLabel = options.string("single-label", "single");
        options.requireAllUsed();
        List<Map<String, Object>> runs = RunReport.readRuns(in);
        new ClusterReport(runs, clusterLabel, singleLabel).print(System.out);
    }

    /** The c2c runs labelled {@code label} as one run; empty when there are none. */
    public static Map<String, Object> merge(List<Map<String, Object>> runs, String label) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Histogram acks = null;
        for (Map<String, Object> run : runs) {
            if (!"c2c".equals(run.get("scenario")) || !label.equals(run.get("label"))) {
                continue;
            }
            merged.merge("processes", 1.0, ClusterReport::add);
            merged.merge("connections", 2 * number(run, "pairs_ready"), ClusterReport::add);
            for (String key : SUMMED) {
                if (run.containsKey(key)) {
                    merged.merge(key, number(run, key), ClusterReport::add);
                }
            }
            run.forEach((key, value) -> {
                if (key.startsWith("cpu_share_") || key.startsWith("heap_") || key.startsWith("rss_")) {
                    merged.putIfAbsent(key, value);
                }
            });
            merged.merge("machine_load_1m", number(run, "machine_load_1m"), (a, b) -> Math.max((Double) a, (Double) b));
            Histogram one = Latency.decode((String) run.get("ack_histogram"));
            if (acks == null) {
                acks = one;
            }
            else {
                acks.add(one);
            }
        }
        if (acks != null) {
            merged.putAll(Latency.summary("ack", acks));
        }
        return merged;
    }

    void print(PrintStream out) {
        out.println("| figure | cluster: 2 nodes | single node | cluster / single |");
        out.println("|---|---|---|---|");
        for (String[] row : ROWS) {
            Object ours = cluster.get(row[0]);
            Object theirs = single.get(row[0]);
            if (ours == null && theirs == null) {
                continue;
            }
            out.printf("| %s | %s | %s | %s |%n", row[1], format(ours), format(theirs), ratio(ours, theirs));
        }
    }

    private static String ratio(Object ours, Object theirs) {
        if (ours instanceof Number a && theirs instanceof Number b && b.doubleValue() != 0) {
            return String.format("%.2f", a.doubleValue() / b.doubleValue());
        }
        return "";
    }

    private static Object add(Object a, Object b) {
        return ((Number) a).doubleValue() + ((Number) b).doubleValue();
    }

    private static double number(Map<String, Object> run, String key) {
        return run.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String format(Object value) {
        if (value == null) {
            return "not measured";
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format("%,d", (long) d) : String.format("%.2f", d);
        }
        return value.toString();
    }
}
