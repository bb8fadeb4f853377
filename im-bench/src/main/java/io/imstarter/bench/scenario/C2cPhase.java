package io.imstarter.bench.scenario;

import io.imstarter.bench.client.ClientCounters;
import io.imstarter.bench.client.LeanConnection;
import io.imstarter.bench.client.LoadClients;
import io.imstarter.bench.client.Target;
import io.imstarter.bench.metrics.Latency;
import io.imstarter.bench.metrics.ProcessWatch;
import io.imstarter.bench.metrics.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one c2c plan against one target (receivers possibly on another node): log in every pair, send for the
 * duration, drain, count.
 */
final class C2cPhase {

    private final GeneratorSettings settings;
    private final Target receivers;
    private final C2cPlan plan;
    private final ProcessWatch watch;
    private final String name;

    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder duplicatesReceived = new LongAdder();
    private final LongAdder duplicateAcks = new LongAdder();
    private final LongAdder unknownAcks = new LongAdder();
    private final LongAdder unknownData = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder loginFailures = new LongAdder();
    private final Latency deliveryLatency = new Latency();
    private final FirstFailure firstFailure = new FirstFailure();
    private final Latency ackLatency = new Latency();
    private final Queue<LeanConnection> connections = new ConcurrentLinkedQueue<>();
    private volatile boolean sending = true;

    C2cPhase(GeneratorSettings settings, Target receivers, C2cPlan plan, ProcessWatch watch, String name) {
        this.settings = settings;
        this.receivers = receivers;
        this.plan = plan;
        this.watch = watch;
        this.name = name;
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (LoadClients load = settings.newClients()) {
            ClientCounters counters = load.counters();
            List<C2cPair> pairs = new ArrayList<>(plan.pairs());
            String prefix = settings.userPrefix();
            for (int i = 0; i < plan.pairs(); i++) {
                pairs.add(new C2cPair(this, plan, prefix + "-s" + i, prefix + "-r" + i, prefix + "-" + i + "-"));
            }
            List<C2cPair> ready = new ArrayList<>();
            try (Progress progress = new Progress("c2c " + name, System.err, () -> progressLine(counters))) {
                ready.addAll(loginAll(load, pairs));
                Map<String, Double> cpuAtStart = watch.cpuSeconds();
                long start = System.nanoTime();
                ready.forEach(C2cPair::start);
                long cap = (long) plan.maxPerPair() * ready.size();
                long end = start + plan.duration().toNanos();
                while (System.nanoTime() < end && sent.sum() < cap) {
                    Thread.sleep(Math.max(1, Math.min(50, (end - System.nanoTime()) / 1_000_000)));
                }
                sending = false;
                ready.forEach(C2cPair::stop);
                double seconds = (System.nanoTime() - start) / 1e9;
                long sentInTime = sent.sum();
                long ackedInTime = acked.sum();
                long receivedInTime = received.sum();
                fields.putAll(watch.cpuShares(cpuAtStart, seconds));
                long drainEnd = System.nanoTime() + plan.drain().toNanos();
                while (acked.sum() < sent.sum() && System.nanoTime() < drainEnd) {
                    Thread.sleep(20);
                }
                fields.put("pairs_ready", ready.size());
                fields.put("login_failures", loginFailures.sum());
                fields.put("first_failure", firstFailure.describe());
                fields.put("send_s", seconds);
                fields.put("sent", sent.sum());
                fields.put("acked", acked.sum());
                fields.put("received", received.sum());
                fields.put("lost", sent.sum() - acked.sum());
                fields.put("not_received", sent.sum() - received.sum());
                fields.put("duplicates_received", duplicatesReceived.sum());
                fields.put("duplicate_acks", duplicateAcks.sum());
                fields.put("unknown_acks", unknownAcks.sum() + unknownData.sum());
                fields.put("throttled", throttled.sum());
                fields.put("sent_per_s", sentInTime / seconds);
                fields.put("acked_per_s", ackedInTime / seconds);
                fields.put("delivered_per_s", receivedInTime / seconds);
                fields.putAll(deliveryLatency.summary("delivery"));
                fields.putAll(ackLatency.summary("ack"));
                fields.put("ack_histogram", ackLatency.encoded());
                fields.putAll(watch.heaps());
                fields.put("errors", counters.errors().toString());
                fields.put("malformed_inbound", counters.malformedInbound());
                fields.put("unexpected_closes", counters.unexpectedCloses());
            }
            LeanConnection.closeAll(connections);
        }
        return fields;
    }

    private List<C2cPair> loginAll(LoadClients load, List<C2cPair> pairs) throws InterruptedException {
        boolean[] senderUp = new boolean[pairs.size()];
        boolean[] receiverUp = new boolean[pairs.size()];
        // with offline receivers only the senders (odd indexes) log in
        int step = plan.receiversOffline() ? 2 : 1;
        if (plan.receiversOffline()) {
            Arrays.fill(receiverUp, true);
        }
        Pacer pacer = new Pacer(pairs.size() * 2 / step, plan.loginRate(), 500);
        pacer.run(at -> {
            int index = at * step + step - 1;
            C2cPair pair = pairs.get(index / 2);
            boolean isSender = index % 2 == 1;
            String extra = settings.userPrefix() + "-p" + (index / 2);
            String userId = isSender ? pair.senderId() : pair.receiverId();
            Target server = isSender ? settings.target() : receivers;
            return Logins.open(load, server, settings, userId, extra, (connection, packet) -> {
                if (isSender) {
                    pair.onSenderPacket(packet);
                }
                else {
                    pair.onReceiverPacket(connection, packet);
                }
            }).whenComplete((connection, failure) -> {
                if (failure != null) {
                    loginFailures.increment();
                    firstFailure.record(failure);
                    return;
                }
                connections.add(connection);
                long interval = plan.keepAlive().toMillis();
                connection.startKeepAlive(plan.keepAlive(),
                        Duration.ofMillis(interval / 2 + ThreadLocalRandom.current().nextLong(interval / 2 + 1)));
                synchronized (senderUp) {
                    if (isSender) {
                        pair.senderReady(connection);
                        senderUp[index / 2] = true;
                    }
                    else {
                        receiverUp[index / 2] = true;
                    }
                }
            });
        }, Duration.ofMinutes(10));
        List<C2cPair> ready = new ArrayList<>();
        synchronized (senderUp) {
            for (int i = 0; i < pairs.size(); i++) {
                if (senderUp[i] && receiverUp[i]) {
                    ready.add(pairs.get(i));
                }
            }
        }
        return ready;
    }

    private String progressLine(ClientCounters counters) {
        long intervalCount = ackLatency.takeInterval().getTotalCount();
        return String.format("sent=%d acked=%d (+%d/s) received=%d dup=%d logins-failed=%d errors=%d closes=%d",
                sent.sum(), acked.sum(), intervalCount, received.sum(), duplicatesReceived.sum(),
                loginFailures.sum(), counters.errorTotal(), counters.unexpectedCloses());
    }

    boolean sending() {
        return sending;
    }

    void sent() {
        sent.increment();
    }

    void acked(long sentNanos) {
        ackLatency.recordSince(sentNanos);
        acked.increment();
    }

    void received(long sentNanos) {
        deliveryLatency.recordSince(sentNanos);
        received.increment();
    }

    void duplicateReceived() {
        duplicatesReceived.increment();
    }

    void duplicateAck() {
        duplicateAcks.increment();
    }

    void unknownAck() {
        unknownAcks.increment();
    }

    void unknownData() {
        unknownData.increment();
    }

    void throttled() {
        throttled.increment();
    }
}
