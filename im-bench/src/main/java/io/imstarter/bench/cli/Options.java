package io.imstarter.bench.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --key=value} options of one command. Every getter names the option in its error, and {@link #requireAllUsed()}
 * rejects misspelt options instead of silently running with defaults.
 */
public final class Options {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> used = new TreeSet<>();

    private Options() {
    }

    public static Options parse(String[] args, int from) {
        Options options = new Options();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Expected an option like --name=value, got '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value = eq < 0 ? "true" : arg.substring(eq + 1);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("Option without a name: '" + arg + "'");
            }
            options.values.put(key, value);
        }
        return options;
    }

    public static Options of(Map<String, String> values) {
        Options options = new Options();
        options.values.putAll(values);
        return options;
    }

    public boolean has(String key) {
        used.add(key);
        return values.containsKey(key);
    }

    public String string(String key, String fallback) {
        used.add(key);
        return values.getOrDefault(key, fallback);
    }

    public int integer(String key, int fallback, int min, int max) {
        long value = longValue(key, fallback, min, max);
        return (int) value;
    }

    public long longValue(String key, long fallback, long min, long max) {
        used.add(key);
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.replace("_", ""));
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + key + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A duration such as {@code 30s}, {@code 500ms} or {@code 2m}; a bare number means seconds. */
    public Duration duration(String key, Duration fallback, Duration max) {
        used.add(key);
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        Duration value = parseDuration(key, raw.trim());
        if (value.isNegative() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("--" + key + " must be between 0s and " + max.toSeconds() + "s, got "
                    + raw);
        }
        return value;
    }

    public <E extends Enum<E>> E enumValue(String key, E fallback) {
        used.add(key);
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        String normalized = raw.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        if ("WS".equals(normalized)) {
            normalized = "WEBSOCKET";
        }
        try {
            return Enum.valueOf(fallback.getDeclaringClass(), normalized);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("--" + key + " must be one of "
                    + java.util.Arrays.toString(fallback.getDeclaringClass().getEnumConstants()) + ", got '" + raw + "'");
        }
    }

    /** Fails on options that no getter asked for: a typo must not run a different benchmark than intended. */
    public void requireAllUsed() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s): --" + String.join(", --", unknown));
        }
    }

    private static Duration parseDuration(String key, String raw) {
        try {
            if (raw.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(raw.substring(0, raw.length() - 2)));
            }
            if (raw.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(raw.substring(0, raw.length() - 1)) * 1000));
            }
            if (raw.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(raw.substring(0, raw.length() - 1)) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(raw) * 1000));
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--" + key + " must be a duration like 30s, 500ms or 2m, got '" + raw
                    + "'");
        }
    }
}
