package io.imstarter.bench.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency distribution in microseconds (up to one minute, 3 significant digits). Any thread may record; one
 * reader takes interval snapshots for the progress line and keeps the whole-run total.
 */
public final class Latency {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final Recorder recorder = new Recorder(MAX_MICROS, 3);
    private final Histogram total = new Histogram(MAX_MICROS, 3);
    private Histogram interval;

    /** Records the time from {@code startNanos} (a {@link System#nanoTime()} reading) to now. */
    public void recordSince(long startNanos) {
        long micros = (System.nanoTime() - startNanos) / 1000;
        recorder.recordValue(Math.min(Math.max(micros, 0), MAX_MICROS));
    }

    /** The values recorded since the previous call, added to the total; call from one thread. */
    public synchronized Histogram takeInterval() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval;
    }

    /** Forgets everything recorded so far, e.g. during a warm-up. */
    public synchronized void reset() {
        recorder.reset();
        total.reset();
    }

    /** Everything recorded so far. */
    public synchronized Histogram total() {
        takeInterval();
        return total.copy();
    }

    /** p50, p99, p99.9 and max in milliseconds under {@code prefix}, e.g. {@code ack_p99_ms}. */
    public Map<String, Object> summary(String prefix) {
        Histogram all = total();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(prefix + "_count", all.getTotalCount());
        fields.put(prefix + "_p50_ms", millis(all.getValueAtPercentile(50)));
        fields.put(prefix + "_p99_ms", millis(all.getValueAtPercentile(99)));
        fields.put(prefix + "_p999_ms", millis(all.getValueAtPercentile(99.9)));
        fields.put(prefix + "_max_ms", millis(all.getMaxValue()));
        return fields;
    }

    /** A value in microseconds as milliseconds with three decimals. */
    public static double millis(long micros) {
        return micros / 1000.0;
    }
}
