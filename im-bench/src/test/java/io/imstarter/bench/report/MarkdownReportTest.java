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
    void addsUpUdpRunsOfOneLabelHeldAtOnce() {
        List<Map<String, Object>> runs = List.of(udp("udp-50k", 30_000), udp("udp-50k", 20_000), udp(null, 1000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MarkdownReport(runs).print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String markdown = out.toString(StandardCharsets.UTF_8);

        assertThat(markdown).contains("| 50,000 UDP sessions held at once, 0 drops | met | processes=2, held_at_end=50000");
        assertThat(markdown).contains("| 50,000 UDP sessions held at once, 0 drops | **not met** | processes=1,"
                + " held_at_end=1000");
    }

    private static Map<String, Object> udp(String label, double held) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("scenario", "connections");
        run.put("target", "udp://127.0.0.1:7901");
        if (label != null) {
            run.put("label", label);
        }
        run.put("transport", "UDP");
        run.put("held_at_end", held);
        run.put("drops", 0.0);
        run.put("keepalives_sent", 10.0);
        run.put("keepalive_answers", 10.0);
        return run;
    }

    @Test
    void judgesOnlyTheNineteenThousandConnectionRunAgainstItsHoldTarget() {
        List<Map<String, Object>> runs = List.of(tcpHeld(19_000), tcpHeld(10_000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MarkdownReport(runs).print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String markdown = out.toString(StandardCharsets.UTF_8);

        assertThat(markdown).contains("| hold 19,000 TCP connections for 3 heartbeat periods, 0 drops, <= 3 KiB"
                + " heap/conn | met | logged_in=19000");
        assertThat(markdown).doesNotContain("logged_in=10000, held_at_end=10000, drops=0, hold_s=45");
        assertThat(markdown).contains("| connections | TCP | 10000 |");
    }

    private static Map<String, Object> tcpHeld(double clients) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("scenario", "connections");
        run.put("target", "tcp://127.0.0.1:8901");
        run.put("transport", "TCP");
        run.put("clients", clients);
        run.put("logged_in", clients);
        run.put("held_at_end", clients);
        run.put("drops", 0.0);
        run.put("hold_s", 45.0);
        run.put("keepalive_s", 15.0);
        run.put("server_heap_bytes_per_conn", 2400.0);
        return run;
    }

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
        assertThat(markdown).contains("| 50,000 UDP sessions held at once, 0 drops | not measured | |");
        assertThat(markdown).contains("### login-storm, tcp://127.0.0.1:8901");
        assertThat(markdown).contains("| login-storm | null | null | 4200.5 logins/s | null | failed=0, errors=null |");
    }
}
