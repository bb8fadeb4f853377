package io.imstarter.bench.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's ephemeral port range ({@code net.ipv4.ip_local_port_range}), from which the generator picks
 * explicit source ports.
 *
 * @param first the lowest port
 * @param size how many ports the range holds
 */
record PortRange(int first, int size) {

    private static final Path SYSCTL = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    static PortRange ephemeral() {
        try {
            String[] bounds = Files.readString(SYSCTL).trim().split("\\s+");
            int low = Integer.parseInt(bounds[0]);
            int high = Integer.parseInt(bounds[1]);
            return new PortRange(low, high - low + 1);
        }
        catch (IOException | RuntimeException ex) {
            return new PortRange(32768, 60999 - 32768 + 1);
        }
    }
}
