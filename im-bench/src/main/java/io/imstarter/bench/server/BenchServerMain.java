package io.imstarter.bench.server;

import io.imstarter.bench.cli.Options;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ClusterRouting;
import io.imstarter.server.ImServer;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code server} command: an {@link ImServer} on the default ports until the process is stopped; with
 * {@code --cluster-redis} one node of a cluster.
 */
public final class BenchServerMain {

    private BenchServerMain() {
    }

    public static void run(Options options) throws InterruptedException {
        Optional<BenchCluster> cluster = BenchCluster.from(options);
        Optional<BenchStore> store = BenchStore.from(options);
        ImServer server = BenchServer.create(options, 8901, 7901, 3000,
                cluster.<ClusterRouting>map(BenchCluster::routing).orElse(ClusterRouting.SINGLE_NODE),
                store.orElse(null));
        options.requireAllUsed();
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            cluster.ifPresent(BenchCluster::close);
            store.ifPresent(BenchStore::closeQuietly);
            stopped.countDown();
        }, "im-bench-server-stop"));
        System.out.println("READY server tcp=" + server.port(Transport.TCP) + " udp=" + server.port(Transport.UDP)
                + " ws=" + server.port(Transport.WEBSOCKET) + " pid=" + ProcessHandle.current().pid()
                + cluster.map(node -> " node=" + node.routing().nodeId()).orElse(""));
        stopped.await();
    }
}
