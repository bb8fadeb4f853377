package io.imstarter.bench.metrics;

import io.imstarter.bench.cli.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time and live heap of named processes on this machine (the servers of a cluster run, Redis) and the CPU time
 * of this generator: {@code --cpu-of=a:pid,b:pid,redis:pid} and {@code --heap-of=a:pid,b:pid}. CPU comes from
 * {@code /proc/<pid>/stat}, heap from {@link ServerProbe} (after a full GC, so only Java processes).
 */
public final class ProcessWatch {

    /** Names the generator's own process among the CPU readings. */
    public static final String GENERATOR = "generator";
    /** The unit of {@code /proc/<pid>/stat} times (USER_HZ), 100 on every Linux the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Long> cpuOf;
    private final Map<String, Long> heapOf;

    private ProcessWatch(Map<String, Long> cpuOf, Map<String, Long> heapOf) {
        this.cpuOf = cpuOf;
        this.heapOf = heapOf;
    }

    public static ProcessWatch from(Options options) {
        Map<String, Long> cpu = new LinkedHashMap<>(namedPids("cpu-of", options.string("cpu-of", "")));
        cpu.put(GENERATOR, ProcessHandle.current().pid());
        return new ProcessWatch(cpu, namedPids("heap-of", options.string("heap-of", "")));
    }

    /** Watches nothing but the generator's CPU, for unmeasured phases. */
    public static ProcessWatch generatorOnly() {
        return new ProcessWatch(Map.of(GENERATOR, ProcessHandle.current().pid()), Map.of());
    }

    /** CPU seconds each watched process has used so far. */
    public Map<String, Double> cpuSeconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        cpuOf.forEach((name, pid) -> seconds.put(name, cpuSecondsOf(pid)));
        return seconds;
    }

    /**
     * {@code cpu_share_<name>}: CPU seconds used since {@code before} per second of {@code wallSeconds}, so 1.0 is one
     * core busy the whole time (this machine's cores are the ceiling).
     */
    public Map<String, Object> cpuShares(Map<String, Double> before, double wallSeconds) {
        Map<String, Object> shares = new LinkedHashMap<>();
        cpuSeconds().forEach((name, now) -> shares.put("cpu_share_" + name, (now - before.get(name)) / wallSeconds));
        return shares;
    }

    /** {@code heap_<name>_mib} and {@code rss_<name>_mib} of every heap-watched process, after a full GC of each. */
    public Map<String, Object> heaps() {
        Map<String, Object> heaps = new LinkedHashMap<>();
        heapOf.forEach((name, pid) -> {
            ServerProbe.Snapshot snapshot = new ServerProbe(pid).snapshot();
            heaps.put("heap_" + name + "_mib", snapshot.heapUsedKiB() / 1024.0);
            heaps.put("rss_" + name + "_mib", snapshot.rssKiB() / 1024.0);
        });
        return heaps;
    }

    static Map<String, Long> namedPids(String option, String value) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (value.isBlank()) {
            return pids;
        }
        for (String item : value.split(",")) {
            int colon = item.indexOf(':');
            try {
                long pid = Long.parseLong(item.substring(colon + 1).strip());
                if (colon <= 0 || pid <= 0 || GENERATOR.equals(item.substring(0, colon))) {
                    throw new NumberFormatException();
                }
                pids.put(item.substring(0, colon).strip(), pid);
            }
            catch (NumberFormatException ex) {
                throw new IllegalArgumentException("--" + option + " takes name:pid pairs separated by commas (a name"
                        + " other than '" + GENERATOR + "'), got '" + item + "'");
            }
        }
        return pids;
    }

    private static double cpuSecondsOf(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            // the command name (field 2) may hold spaces; utime and stime are fields 14 and 15
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        }
        catch (IOException | RuntimeException ex) {
            throw new IllegalStateException("Cannot read the CPU time of process " + pid + " from " + stat + ": " + ex,
                    ex);
        }
    }
}
