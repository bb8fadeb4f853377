package io.imstarter.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    void judgesTargetsFromMeasuredFiguresOnly() {
        Map<String, Object> storm = new LinkedHashMap<>();
        storm.put("scenario", "login-storm");
        storm.put("target", "tcp://127.0.0.1:8901");
        storm.put("logins_per_s", 4200.5);
        storm.put("failed", 0.0);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MarkdownReport(List.of(storm)).print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String markdown = out.toString(StandardCharsets.UTF_8);

        assertThat(markdown).contains("| login storm >= 10,000 logins/s | **not met** | logins_per_s=4200.5, failed=0 |");
        assertThat(markdown).contains("| 50,000 UDP sessions | not measured | |");
        assertThat(markdown).contains("### login-storm, tcp://127.0.0.1:8901");
    }
}
