package io.imstarter.bench.report;

import com.google.gson.Gson;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one scenario run, in the order they were added; printed as a table and as one JSON line. */
public final class RunReport {

    private static final Gson GSON = new Gson();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public RunReport(String scenario, String target) {
        fields.put("scenario", scenario);
        fields.put("target", target);
        fields.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    public RunReport put(String key, Object value) {
        fields.put(key, value instanceof Double d ? Math.round(d * 1000) / 1000.0 : value);
        return this;
    }

    public RunReport putAll(Map<String, ?> values) {
        values.forEach(this::put);
        return this;
    }

    public Object get(String key) {
        return fields.get(key);
    }

    public String toJson() {
        return GSON.toJson(fields);
    }

    /** The human table followed by the JSON line (which always starts with {@code {"scenario":}). */
    public void print(PrintStream out) {
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(10);
        String line = "-".repeat(width + 24);
        out.println(line);
        fields.forEach((key, value) -> out.printf("%-" + width + "s  %s%n", key, value));
        out.println(line);
        out.println(toJson());
    }
}
