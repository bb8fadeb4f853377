package io.imstarter.server.netty;

import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServerConfig;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One gateway's connection caps: how many connections it holds in total and per remote IP address. The address
 * table has at most one entry per admitted connection, so it is bounded by the total cap. Thread-safe.
 */
final class ConnectionLimits {

    /** Why {@link #tryAdmit} said no, or that it said yes. */
    enum Admission {
        ADMITTED, TOTAL_FULL, ADDRESS_FULL
    }

    private final Transport transport;
    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionLimits(ImServerConfig.Gateway config) {
        this.transport = config.transport();
        this.maxTotal = config.connectionLimit();
        this.maxPerAddress = config.getMaxConnectionsPerAddress();
    }

    /** Counts a connection from {@code address} unless a cap is reached; each admission needs one release. */
    Admission tryAdmit(InetAddress address) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Admission.TOTAL_FULL;
        }
        boolean[] admitted = new boolean[1];
        perAddress.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return Admission.ADDRESS_FULL;
        }
        return Admission.ADMITTED;
    }

    void release(InetAddress address) {
        perAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
        total.decrementAndGet();
    }

    /** The sentence a refused peer gets: it names the limit it ran into. */
    String refusal(Admission admission) {
        String name = switch (transport) {
            case TCP -> "TCP connections";
            case UDP -> "UDP peers";
            case WEBSOCKET -> "WebSocket connections";
        };
        return admission == Admission.ADDRESS_FULL
                ? "Too many " + name + " from your address: the limit is " + maxPerAddress
                : "The server holds its limit of " + maxTotal + " " + name + "; try again later";
    }
}
