package io.imstarter.bench.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one-minute load average, reported with every run: on a shared 2-core machine other work competes with the
 * server and the generator, and figures mean little without it.
 */
public final class MachineLoad {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private MachineLoad() {
    }

    public static Optional<Double> now() {
        try {
            return Optional.of(Double.parseDouble(Files.readString(LOADAVG).split("\\s+")[0]));
        }
        catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }
}
