package io.imstarter.bench.metrics;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
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
        return summary(prefix, total());
    }

    /** The same figures of any histogram of microseconds, e.g. one merged from several processes. */
    public static Map<String, Object> summary(String prefix, Histogram all) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(prefix + "_count", all.getTotalCount());
        fields.put(prefix + "_p50_ms", millis(all.getValueAtPercentile(50)));
        fields.put(prefix + "_p99_ms", millis(all.getValueAtPercentile(99)));
        fields.put(prefix + "_p999_ms", millis(all.getValueAtPercentile(99.9)));
        fields.put(prefix + "_max_ms", millis(all.getMaxValue()));
        return fields;
    }

    /** Everything recorded so far, compressed and in Base64, so that runs of several processes can be merged. */
    public String encoded() {
        Histogram all = total();
        ByteBuffer buffer = ByteBuffer.allocate(all.getNeededByteBufferCapacity());
        int length = all.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /** The histogram {@link #encoded()} wrote. */
    public static Histogram decode(String encoded) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
        }
        catch (DataFormatException | RuntimeException ex) {
            throw new IllegalArgumentException("Not an encoded latency histogram: " + ex.getMessage(), ex);
        }
    }

    /** A value in microseconds as milliseconds with three decimals. */
    public static double millis(long micros) {
        return micros / 1000.0;
    }
}
