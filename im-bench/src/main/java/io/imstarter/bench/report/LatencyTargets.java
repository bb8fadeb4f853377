package io.imstarter.bench.report;

import static io.imstarter.bench.report.MarkdownReport.number;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The table of issue 13 (latency and cost per message): each load with our figure, the relay's from the same run,
 * their ratio and whether the target is met. Runs are found by their {@code --label} ({@code issue13-*}).
 */
final class LatencyTargets {

    private static final String TEN_THOUSAND = "issue13-10k";
    private static final String SATURATION = "issue13-saturation";
    private static final String HELD = "issue13-held";

    private final List<Map<String, Object>> runs;

    LatencyTargets(List<Map<String, Object>> runs) {
        this.runs = runs;
    }

    void print(PrintStream out) {
        out.println("Issue 13's loads, ours against the reference relay measured by the same command (right after ours;"
                + " the login storm in interleaved rounds):");
        out.println();
        out.println("| load | ours | relay | ratio | target | met? |");
        out.println("|---|---|---|---|---|---|");
        tenThousand(out);
        saturation(out);
        loginStorm(out);
        heap(out, "10,000 held TCP connections: server heap per connection", labelled(HELD), 2048, "<= 2 KiB");
        heap(out, "10,000 held WebSocket connections: server heap per connection",
                runs.stream().filter(run -> "connections".equals(run.get("scenario"))
                        && "WEBSOCKET".equals(run.get("transport"))).toList(), 3072, "<= 3 KiB");
    }

    private void tenThousand(PrintStream out) {
        String load = "10,000 connections, 5,000 C2C QoS msgs/s offered: ACK p50 / p99";
        for (Map<String, Object> run : labelled(TEN_THOUSAND)) {
            double p50 = number(run, "ack_p50_ms");
            double p99 = number(run, "ack_p99_ms");
            double relayP99 = number(run, "relay_ack_p99_ms");
            boolean met = p50 <= 2 && p99 <= 2 * relayP99 && number(run, "lost") == 0
                    && number(run, "duplicates_received") == 0;
            row(out, load, ms(p50) + " / " + ms(p99) + " (lost " + whole(run, "lost") + ", duplicates "
                    + whole(run, "duplicates_received") + ")", ms(number(run, "relay_ack_p50_ms")) + " / "
                    + ms(relayP99), ratio(p50 / number(run, "relay_ack_p50_ms")) + " / " + ratio(p99 / relayP99),
                    "p50 <= 2 ms, p99 <= 2x relay, 0 lost, 0 duplicates", met);
        }
        if (labelled(TEN_THOUSAND).isEmpty()) {
            notMeasured(out, load);
        }
    }

    private void saturation(PrintStream out) {
        String load = "200 pairs, window 8, as fast as ACKs allow: acked msgs/s";
        List<Map<String, Object>> matching = labelled(SATURATION);
        if (matching.isEmpty()) {
            notMeasured(out, load);
            return;
        }
        double lowest = min(matching, run -> number(run, "acked_per_s"));
        double highest = -min(matching, run -> -number(run, "acked_per_s"));
        double spread = (highest - lowest) / highest;
        double worstRatio = min(matching, run -> number(run, "ratio_acked_per_s"));
        boolean met = matching.size() >= 3 && worstRatio >= 0.5 && spread <= 0.10;
        row(out, load + " (" + matching.size() + " runs)", range(matching, "acked_per_s") + ", spread "
                + percent(spread), range(matching, "relay_acked_per_s"), range(matching, "ratio_acked_per_s"),
                ">= 0.5x relay, 3 runs within 10 %", met);
    }

    private void loginStorm(PrintStream out) {
        String load = "login storm, 500 at a time: logins/s";
        List<Map<String, Object>> matching = runs.stream().filter(run -> "login-storm".equals(run.get("scenario")))
                .toList();
        if (matching.isEmpty()) {
            notMeasured(out, load);
        }
        for (Map<String, Object> run : matching) {
            row(out, load, whole(run, "logins_per_s"), whole(run, "relay_logins_per_s"),
                    ratio(number(run, "ratio_logins_per_s")), ">= 0.95x relay",
                    number(run, "ratio_logins_per_s") >= 0.95 && number(run, "failed") == 0);
        }
    }

    private void heap(PrintStream out, String load, List<Map<String, Object>> matching, double limit,
            String target) {
        if (matching.isEmpty()) {
            notMeasured(out, load);
        }
        for (Map<String, Object> run : matching) {
            double perConnection = number(run, "server_heap_bytes_per_conn");
            row(out, load + " (" + whole(run, "held_at_end") + " held)", whole(run, "server_heap_bytes_per_conn")
                    + " B", "", "", target, perConnection <= limit && number(run, "drops") == 0);
        }
    }

    private List<Map<String, Object>> labelled(String label) {
        return runs.stream().filter(run -> label.equals(run.get("label"))).toList();
    }

    private static void row(PrintStream out, String load, String ours, String relay, String ratio, String target,
            boolean met) {
        out.printf("| %s | %s | %s | %s | %s | %s |%n", load, ours, relay, ratio, target, met ? "met" : "**not met**");
    }

    private static void notMeasured(PrintStream out, String load) {
        out.printf("| %s | not measured | | | | |%n", load);
    }

    private static String range(List<Map<String, Object>> matching, String key) {
        double lowest = min(matching, run -> number(run, key));
        double highest = -min(matching, run -> -number(run, key));
        String format = key.startsWith("ratio") ? "%.3f" : "%,.0f";
        return lowest == highest ? String.format(format, lowest)
                : String.format(format + " - " + format, lowest, highest);
    }

    private static double min(List<Map<String, Object>> matching, ToDoubleFunction<Map<String, Object>> value) {
        return matching.stream().mapToDouble(value).min().orElse(Double.NaN);
    }

    private static String ms(double value) {
        return String.format("%.1f ms", value);
    }

    private static String ratio(double value) {
        return String.format("%.2f", value);
    }

    private static String percent(double value) {
        return String.format("%.1f %%", 100 * value);
    }

    private static String whole(Map<String, Object> run, String key) {
        return String.format("%,.0f", number(run, key));
    }
}
