package io.imstarter.bench.report;

import io.imstarter.bench.cli.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code group-report} command: the runs of the {@code group} scenario in a results file side by side, one column per
 * run (headed by its database), one row per figure, in the order the scenario reported them.
 */
public final class GroupReport {

    private final List<Map<String, Object>> runs;

    GroupReport(List<Map<String, Object>> runs) {
        this.runs = runs.stream().filter(run -> "group".equals(run.get("scenario"))).toList();
    }

    public static void run(Options options) throws IOException {
        Path in = Path.of(options.string("in", "groups-results.jsonl"));
        options.requireAllUsed();
        new GroupReport(RunReport.readRuns(in)).print(System.out);
    }

    void print(PrintStream out) {
        if (runs.isEmpty()) {
            out.println("No group runs in the results.");
            return;
        }
        out.print("| figure |");
        runs.forEach(run -> out.print(" " + run.get("database") + " |"));
        out.println();
        out.println("|---|" + "---|".repeat(runs.size()));
        for (String figure : runs.get(0).keySet()) {
            if (figure.equals("scenario")) {
                continue;
            }
            out.print("| `" + figure + "` |");
            runs.forEach(run -> out.print(" " + shown(run.get(figure)) + " |"));
            out.println();
        }
    }

    /** Gson reads every number as a double: whole ones are shown without ".0". */
    private static String shown(Object value) {
        if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString(number.longValue());
        }
        return String.valueOf(value);
    }
}
