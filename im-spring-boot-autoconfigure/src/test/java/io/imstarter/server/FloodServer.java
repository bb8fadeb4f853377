package io.imstarter.server;

import io.imstarter.protocol.Transport;
import io.imstarter.server.netty.NettyTransport;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server of {@link FloodIT}, run in a JVM of its own with a small heap: an {@link ImServer} with the default
 * limits on 127.0.0.1, every gateway on an ephemeral port. It prints {@code ports <tcp> <udp> <websocket>} once
 * started, then every 500 ms {@code heap <used bytes after a GC> <closed for flooding> <closed for backpressure>},
 * and stops when its standard input closes, so it never outlives the test.
 */
public final class FloodServer {

    static final String PORTS = "ports";
    static final String HEAP = "heap";

    private FloodServer() {
    }

    public static void main(String[] args) throws IOException {
        ImServerConfig config = new ImServerConfig().setAddress("127.0.0.1").setDispatchThreads(2).setIoThreads(2);
        for (Transport transport : Transport.values()) {
            config.gateway(transport).setPort(0);
        }
        ImServer server = ImServer.builder(config).transport(new NettyTransport()).build();
        server.start();
        System.out.println(PORTS + " " + server.port(Transport.TCP) + " " + server.port(Transport.UDP) + " "
                + server.port(Transport.WEBSOCKET));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            memory.gc();
            System.out.println(HEAP + " " + memory.getHeapMemoryUsage().getUsed() + " "
                    + server.stats().closedForFlooding() + " " + server.stats().closedForBackpressure());
        }, 0, 500, TimeUnit.MILLISECONDS);
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // Only the end of input matters: the test closed it, or died.
            }
        }
        sampler.shutdownNow();
        server.stop();
    }
}
