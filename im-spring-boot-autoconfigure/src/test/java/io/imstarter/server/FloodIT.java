package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.client.ImClient;
import io.imstarter.client.ImClientConfig;
import io.imstarter.client.ImClientListener;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.NonReadingClient;
import io.imstarter.testsupport.Wire;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's must-show: a server in its own JVM with a 256 MB heap and the default limits is flooded for 20 s by a
 * client sending keep-alives and one sending C2C messages at full speed, neither reading its socket (each connects
 * again when closed), while a third never reads what the C2C flood sends it. Its heap stays bounded, the flooders
 * are closed, and a pair of embedded clients exchanging QoS messages all along loses nothing and gets nothing
 * twice.
 */
class FloodIT {

    private static final Duration FLOOD = Duration.ofSeconds(20);
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(50);
    private static final long MAX_HEAP_USED = 100L * 1024 * 1024;
    private static final int C2C_FLOOD_CONTENT = 1024;

    private final List<NonReadingClient> hostile = new CopyOnWriteArrayList<>();
    private final List<Long> heapSamples = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final ExecutorService callbacks = Executors.newFixedThreadPool(2);
    private volatile int[] ports;
    private volatile long closedForFlooding;
    private volatile long closedForBackpressure;
    private Process server;

    @BeforeEach
    void startServerInItsOwnJvm() throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        server = new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), FloodServer.class.getName())
                .redirectErrorStream(true).start();
        Thread reader = new Thread(this::readServerOutput, "flood-server-output");
        reader.setDaemon(true);
        reader.start();
        await("the forked server's ports").atMost(Duration.ofSeconds(30)).until(() -> ports != null);
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        hostile.forEach(NonReadingClient::close);
        scheduler.shutdownNow();
        callbacks.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void floodersAreClosedWhileHeapStaysBoundedAndAQosPairLosesNothing() throws Exception {
        InetSocketAddress tcp = new InetSocketAddress("127.0.0.1", ports[0]);
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        ImClient alice = client(tcp, new ImClientListener() {
        });
        ImClient bob = client(tcp, new ImClientListener() {
            @Override
            public void onMessage(String userId, Packet message) {
                received.computeIfAbsent(message.dataContent(), content -> new AtomicInteger()).incrementAndGet();
            }
        });
        alice.login("alice", "token", null).get(10, TimeUnit.SECONDS);
        bob.login("bob", "token", null).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> heapSamples.size() >= 2);
        long heapBefore = heapSamples.get(heapSamples.size() - 1);

        hostile.add(NonReadingClient.sink(tcp, "sink", RECONNECT_PAUSE));
        hostile.add(NonReadingClient.flooding(tcp, "keep-alive-flooder", Wire.keepAlive("keep-alive-flooder"),
                RECONNECT_PAUSE));
        hostile.add(NonReadingClient.flooding(tcp, "c2c-flooder",
                Wire.data("c2c-flooder", "sink", "x".repeat(C2C_FLOOD_CONTENT), false), RECONNECT_PAUSE));
        int samplesBeforeFlood = heapSamples.size();
        List<CompletableFuture<String>> sent = new CopyOnWriteArrayList<>();
        AtomicInteger sequence = new AtomicInteger();
        scheduler.scheduleAtFixedRate(() -> sent.add(alice.send("bob", "control " + sequence.incrementAndGet(), 0)),
                0, 50, TimeUnit.MILLISECONDS);

        await("the server stays alive through the flood").during(FLOOD).atMost(FLOOD.plusSeconds(5))
                .until(server::isAlive);
        scheduler.shutdown();
        hostile.forEach(NonReadingClient::close);
        long heapDuring = heapSamples.subList(samplesBeforeFlood, heapSamples.size()).stream()
                .mapToLong(Long::longValue).max().orElseThrow();
        int samplesAfterFlood = heapSamples.size();
        await("every control message settles").atMost(Duration.ofSeconds(30))
                .until(() -> sent.stream().allMatch(CompletableFuture::isDone));
        await("heap samples after the flood").atMost(Duration.ofSeconds(10))
                .until(() -> heapSamples.size() >= samplesAfterFlood + 4);
        long heapAfter = heapSamples.get(heapSamples.size() - 1);
        System.out.printf("FloodIT server heap used after GC: before %.1f MB, during at most %.1f MB, after %.1f MB;"
                + " closed for flooding %d, for backpressure %d; control messages %d%n", mb(heapBefore),
                mb(heapDuring), mb(heapAfter), closedForFlooding, closedForBackpressure, sent.size());
        System.out.println("FloodIT heap MB every 500 ms (flood from sample " + samplesBeforeFlood + " to "
                + samplesAfterFlood + "): " + heapSamples.stream().map(bytes -> String.format("%.1f", mb(bytes)))
                        .toList());

        assertThat(server.isAlive()).isTrue();
        assertThat(heapDuring).as("the server's heap during the flood").isLessThan(MAX_HEAP_USED);
        assertThat(closedForFlooding).as("flooders closed by the server").isPositive();
        assertThat(closedForBackpressure).as("slow consumers closed by the server").isPositive();
        assertThat(hostile).allSatisfy(client -> assertThat(client.closesSeen()).isPositive());
        assertThat(sent).as("control messages sent").hasSizeGreaterThan(300)
                .allSatisfy(future -> assertThat(future).isCompleted());
        assertThat(received).as("control messages received, each once").hasSize(sent.size())
                .allSatisfy((content, count) -> assertThat(count.get()).as(content).isEqualTo(1));
    }

    private ImClient client(InetSocketAddress tcp, ImClientListener listener) {
        ImClient client = new ImClient(new ImClientConfig().setTransport(Transport.TCP).setHost(tcp.getHostString())
                .setPort(tcp.getPort()), group, scheduler, callbacks);
        client.addListener(listener);
        return client;
    }

    private void readServerOutput() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String[] words = line.split(" ");
                if (words[0].equals(FloodServer.PORTS)) {
                    ports = new int[] { Integer.parseInt(words[1]), Integer.parseInt(words[2]),
                            Integer.parseInt(words[3]) };
                }
                else if (words[0].equals(FloodServer.HEAP)) {
                    heapSamples.add(Long.parseLong(words[1]));
                    closedForFlooding = Long.parseLong(words[2]);
                    closedForBackpressure = Long.parseLong(words[3]);
                }
            }
        }
        catch (IOException ex) {
            // The server process ended; the assertions say whether it should have.
        }
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
