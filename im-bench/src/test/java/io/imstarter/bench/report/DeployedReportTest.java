package io.imstarter.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployedReportTest {

    @Test
    void putsTheTargetsSideBySideAndJudgesTheDeployedOnes() {
        List<Map<String, Object>> runs = List.of(
                saturation("deployed-h2", 100_000, 180_000), saturation("deployed-h2", 104_000, 180_000),
                saturation("deployed-h2", 102_000, 180_000), saturation("bare", 150_000, 180_000),
                run("deployed-pg:offline-window", "c2c", "acked_per_s", 12_000.0),
                run("deployed-h2:login-jwt", "login-storm", "logins_per_s", 9_000.0, "relay_logins_per_s", 10_000.0,
                        "ratio_logins_per_s", 0.9));

        String report = print(runs);

        assertThat(report).contains("| saturation | acked msgs/s (median of runs) | 180,000 | 150,000 | 102,000 | not run |")
                .contains("| saturation | spread of runs (max/min - 1) | | 0.0 % | 4.0 % | not run |")
                .contains("| deployed, H2 file: saturation >= 0.5x the relay, three runs within 10 % | met |")
                .contains("| deployed, PostgreSQL: all receivers offline: >= 20,000 stored msgs/s | **not met** |"
                        + " acked_per_s=12,000 |")
                .contains("| deployed, H2 file: HS256 login storm >= 0.8x the relay | met | ratio_logins_per_s=0.90 |")
                .contains("| deployed, PostgreSQL: HS256 login storm >= 0.8x the relay | not measured | |");
    }

    private static Map<String, Object> saturation(String target, double acked, double relayAcked) {
        return run(target + ":saturation", "c2c", "acked_per_s", acked, "relay_acked_per_s", relayAcked,
                "ratio_acked_per_s", acked / relayAcked);
    }

    private static Map<String, Object> run(String label, String scenario, Object... keyValues) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("scenario", scenario);
        run.put("label", label);
        for (int i = 0; i < keyValues.length; i += 2) {
            run.put((String) keyValues[i], keyValues[i + 1]);
        }
        return run;
    }

    private static String print(List<Map<String, Object>> runs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DeployedReport(runs).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
