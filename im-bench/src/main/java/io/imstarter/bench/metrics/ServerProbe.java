package io.imstarter.bench.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the memory of the server process under test: resident set size from {@code /proc/<pid>/status} and live
 * heap from {@code jcmd <pid> GC.heap_info} after a full GC, so per-connection figures are not garbage.
 */
public final class ServerProbe {

    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+)\\s+kB");
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private final long pid;

    public ServerProbe(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("--server-pid must be a process id, got " + pid);
        }
        this.pid = pid;
    }

    /** A memory reading after a full GC of the server. */
    public Snapshot snapshot() {
        jcmd("GC.run");
        long heapKiB = parse(HEAP_USED, jcmd("GC.heap_info"), "jcmd GC.heap_info");
        long rssKiB;
        try {
            rssKiB = parse(RSS, Files.readString(Path.of("/proc", Long.toString(pid), "status")), "VmRSS");
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read /proc/" + pid + "/status: " + ex.getMessage(), ex);
        }
        return new Snapshot(heapKiB, rssKiB);
    }

    private String jcmd(String command) {
        try {
            Process process = new ProcessBuilder(List.of("jcmd", Long.toString(pid), command))
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed: "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
            return new String(output, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot run jcmd (is a JDK on the PATH?): " + ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running jcmd", ex);
        }
    }

    private static long parse(Pattern pattern, String text, String what) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + what + " figure in: " + text.strip());
        }
        return Long.parseLong(matcher.group(1));
    }

    /**
     * Memory of the server at one moment.
     *
     * @param heapUsedKiB live heap after a full GC
     * @param rssKiB resident set size
     */
    public record Snapshot(long heapUsedKiB, long rssKiB) {

        /** Bytes per connection of the growth from {@code baseline} to this snapshot. */
        public double heapBytesPer(Snapshot baseline, long connections) {
            return connections == 0 ? 0 : (heapUsedKiB - baseline.heapUsedKiB) * 1024.0 / connections;
        }

        public double rssBytesPer(Snapshot baseline, long connections) {
            return connections == 0 ? 0 : (rssKiB - baseline.rssKiB) * 1024.0 / connections;
        }
    }
}
