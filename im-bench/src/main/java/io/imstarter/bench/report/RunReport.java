package io.imstarter.bench.report;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one scenario run, in the order they were added; printed as a table and as one JSON line. */
public final class RunReport {

    private static final Gson GSON = new Gson();
    private static final Type RECORD = new TypeToken<LinkedHashMap<String, Object>>() { }.getType();

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

    /** The runs in a results file: its lines that are a run's JSON line, in file order. */
    static List<Map<String, Object>> readRuns(Path results) throws IOException {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (String line : Files.readAllLines(results)) {
            if (line.startsWith("{\"scenario\":")) {
                runs.add(GSON.fromJson(line, RECORD));
            }
        }
        return runs;
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
