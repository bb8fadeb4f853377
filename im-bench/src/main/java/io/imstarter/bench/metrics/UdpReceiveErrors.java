package io.imstarter.bench.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The kernel's count of datagrams dropped because a UDP receive buffer was full ({@code RcvbufErrors} in
 * {@code /proc/net/snmp}). Machine-wide, but on a loopback benchmark it tells whether the server lost datagrams
 * before it could read them.
 */
public final class UdpReceiveErrors {

    private static final Path SNMP = Path.of("/proc/net/snmp");

    private UdpReceiveErrors() {
    }

    public static OptionalLong now() {
        try {
            List<String> udp = Files.readAllLines(SNMP).stream().filter(line -> line.startsWith("Udp:")).toList();
            List<String> names = List.of(udp.get(0).split("\\s+"));
            String[] values = udp.get(1).split("\\s+");
            return OptionalLong.of(Long.parseLong(values[names.indexOf("RcvbufErrors")]));
        }
        catch (IOException | RuntimeException ex) {
            return OptionalLong.empty();
        }
    }
}
