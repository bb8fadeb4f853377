package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.client.LeanConnection;
import io.imstarter.bench.client.LoadClients;
import io.imstarter.bench.client.Target;
import io.imstarter.bench.client.WireTemplates;
import io.imstarter.bench.metrics.Latency;
import io.imstarter.bench.metrics.Progress;
import io.imstarter.bench.report.RunReport;
import io.imstarter.bench.server.BenchServer;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.UserIds;
import io.imstarter.server.ImServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Server push to N online clients, through the sample app's REST endpoint or an in-process {@link ImServer}. Each
 * message's content is {@code seq:sendNanos}, so clients measure delivery latency and spot duplicates.
 */
public final class S2cScenario implements Scenario {

    private final GeneratorSettings settings;
    private final int clients;
    private final int messages;
    private final int window;
    private final Duration deadline;
    private final Duration drain;
    private final String pushUrl;
    private final ImServer inProcess;

    private final LongAdder pushed = new LongAdder();
    private final LongAdder pushFailures = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final BitSet seen = new BitSet();
    private final Latency pushLatency = new Latency();
    private final Latency deliveryLatency = new Latency();
    private final Queue<LeanConnection> online = new ConcurrentLinkedQueue<>();

    public S2cScenario(GeneratorSettings settings, Options options) {
        this.clients = options.integer("clients", 100, 1, 20_000);
        this.messages = options.integer("messages", 10_000, 1, 10_000_000);
        this.window = options.integer("window", 200, 1, 10_000);
        this.deadline = options.duration("duration", Duration.ofSeconds(60), Duration.ofMinutes(30));
        this.drain = options.duration("drain", Duration.ofSeconds(15), Duration.ofMinutes(5));
        this.pushUrl = options.string("push-url", null);
        boolean local = options.has("in-process");
        if ((pushUrl == null) == !local) {
            throw new IllegalArgumentException("s2c needs exactly one of --push-url=http://host:port/api/push and"
                    + " --in-process");
        }
        this.inProcess = local ? BenchServer.create(options, 0, 0, 0) : null;
        this.settings = settings;
    }

    @Override
    public RunReport run() throws Exception {
        GeneratorSettings effective = settings;
        if (inProcess != null) {
            inProcess.start();
            Target own = settings.target();
            effective = settings.withTarget(new Target("127.0.0.1", inProcess.port(own.transport()), own.transport(),
                    own.wsPath()));
        }
        RunReport report = effective.newReport("s2c").put("driver", inProcess != null ? "in-process"
                : pushUrl);
        try (PushDriver driver = inProcess != null ? new InProcessPushDriver(inProcess) : new HttpPushDriver(pushUrl);
                LoadClients load = effective.newClients();
                Progress progress = new Progress("s2c", System.err, () -> String.format(
                        "online=%d pushed=%d (+%d/s) failed=%d received=%d dup=%d", online.size(), pushed.sum(),
                        pushLatency.takeInterval().getTotalCount(), pushFailures.sum(), received.sum(),
                        duplicates.sum()))) {
            report.put("transport", effective.target().transport().name()).put("clients", clients)
                    .put("messages", messages).put("window", window).put("push_latency", driver.latencyMeaning());
            List<String> users = loginAll(load, effective);
            report.put("online", users.size());
            if (users.isEmpty()) {
                throw new IllegalStateException("No client logged in to " + effective.target().label());
            }
            long start = System.nanoTime();
            new Pacer(messages, 0, window).run(seq -> pushOne(driver, users.get(seq % users.size()), seq), deadline);
            double seconds = (System.nanoTime() - start) / 1e9;
            long drainEnd = System.nanoTime() + drain.toNanos();
            while (received.sum() < pushed.sum() && System.nanoTime() < drainEnd) {
                Thread.sleep(20);
            }
            report.put("pushed", pushed.sum()).put("push_failures", pushFailures.sum()).put("push_s", seconds)
                    .put("pushes_per_s", pushed.sum() / seconds).put("received", received.sum())
                    .put("lost", Math.max(0, pushed.sum() - received.sum())).put("duplicates", duplicates.sum())
                    .putAll(pushLatency.summary("push")).putAll(deliveryLatency.summary("delivery"))
                    .put("errors", load.counters().errors().toString())
                    .put("malformed_inbound", load.counters().malformedInbound())
                    .put("unexpected_closes", load.counters().unexpectedCloses());
            LeanConnection.closeAll(online);
        }
        return report;
    }

    private List<String> loginAll(LoadClients load, GeneratorSettings effective) throws InterruptedException {
        List<String> users = new ArrayList<>();
        new Pacer(clients, 0, 200).run(index -> {
            String userId = effective.userPrefix() + "-p" + index;
            return Logins.open(load, effective, userId, null, this::onPacket).thenAccept(connection -> {
                online.add(connection);
                synchronized (users) {
                    users.add(userId);
                }
            });
        }, Duration.ofMinutes(5));
        synchronized (users) {
            return List.copyOf(users);
        }
    }

    private CompletableFuture<?> pushOne(PushDriver driver, String userId, int seq) {
        long start = System.nanoTime();
        return driver.push(userId, seq + ":" + start).whenComplete((result, failure) -> {
            if (failure != null) {
                pushFailures.increment();
                return;
            }
            pushLatency.recordSince(start);
            pushed.increment();
        });
    }

    private void onPacket(LeanConnection connection, Packet packet) {
        if (packet.type() != PacketType.DATA || !UserIds.SERVER.equals(packet.from())) {
            return;
        }
        if (packet.requiresAck()) {
            connection.writeInReply(WireTemplates.ack(connection.userId(), UserIds.SERVER, packet.fp()));
        }
        String content = packet.dataContent();
        int colon = content == null ? -1 : content.indexOf(':');
        if (colon < 1) {
            return;
        }
        int seq;
        long sentNanos;
        try {
            seq = Integer.parseInt(content, 0, colon, 10);
            sentNanos = Long.parseLong(content, colon + 1, content.length(), 10);
        }
        catch (NumberFormatException ex) {
            return;
        }
        boolean fresh;
        synchronized (seen) {
            fresh = !seen.get(seq);
            seen.set(seq);
        }
        if (!fresh) {
            duplicates.increment();
            return;
        }
        deliveryLatency.recordSince(sentNanos);
        received.increment();
    }
}
