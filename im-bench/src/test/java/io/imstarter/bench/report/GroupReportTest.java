package io.imstarter.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupReportTest {

    @Test
    void putsTheGroupRunsSideBySideOneColumnPerDatabaseAndLeavesOtherRunsOut() {
        List<Map<String, Object>> runs = List.of(group("h2", 36.473, false), run("c2c", "acked_per_s", 9.0),
                group("postgres", 98.784, true));

        String report = print(runs);

        assertThat(report.lines().toList()).containsExactly(
                "| figure | h2 | postgres |",
                "|---|---|---|",
                "| `database` | h2 | postgres |",
                "| `messages` | 6000 | 6000 |",
                "| `acked_per_s` | 36.473 | 98.784 |",
                "| `verified` | false | true |");
    }

    @Test
    void saysSoWhenThereIsNoGroupRun() {
        assertThat(print(List.of(run("c2c", "acked_per_s", 9.0)))).isEqualTo("No group runs in the results.\n");
    }

    /** As Gson reads a results file: every number a double. */
    private static Map<String, Object> group(String database, double ackedPerSecond, boolean verified) {
        return run("group", "database", database, "messages", 6000.0, "acked_per_s", ackedPerSecond, "verified",
                verified);
    }

    private static Map<String, Object> run(String scenario, Object... keyValues) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("scenario", scenario);
        for (int i = 0; i < keyValues.length; i += 2) {
            run.put((String) keyValues[i], keyValues[i + 1]);
        }
        return run;
    }

    private static String print(List<Map<String, Object>> runs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GroupReport(runs).print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
