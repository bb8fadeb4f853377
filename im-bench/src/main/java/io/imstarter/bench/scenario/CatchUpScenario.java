package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.client.ErrorCodes;
import io.imstarter.bench.client.LeanConnection;
import io.imstarter.bench.client.LoadClients;
import io.imstarter.bench.client.Target;
import io.imstarter.bench.client.WireTemplates;
import io.imstarter.bench.metrics.Progress;
import io.imstarter.bench.report.RunReport;
import io.imstarter.bench.server.BenchServer;
import io.imstarter.bench.server.BenchStore;
import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.server.ClusterRouting;
import io.imstarter.server.ImServer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Offline catch-up (issue 20), against an in-process server with a message store ({@code --store=h2|postgres}) at
 * the production packet limit: {@code --senders} connections store {@code --messages} QoS messages for each of
 * {@code --receivers} offline receivers, each sender within the limit ({@code --sender-rate}, at most
 * {@code --sender-window} un-ACKed, a 305 sent again); then the receivers log in and ACK every message as it arrives,
 * as a stock client does, and the run reports how long the backlog took to drain from the first login, with the
 * duplicates, the messages out of their sender's order, and the 305s that answered the receivers' ACKs.
 */
public final class CatchUpScenario implements Scenario {

    private static final long SENDER_TICK_MILLIS = 10;
    /** A stock client's first re-send of an un-ACKed message; over UDP a datagram or its ACK may be lost. */
    private static final long SENDER_RESEND_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final GeneratorSettings settings;
    private final int receivers;
    private final int messagesPerReceiver;
    private final int senders;
    private final int senderRate;
    private final int senderWindow;
    private final Duration timeout;
    private final BenchStore store;
    private final ImServer server;

    private final LongAdder stored = new LongAdder();
    private final LongAdder resent = new LongAdder();
    private final LongAdder senderErrors = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder receiverRefusals = new LongAdder();
    private final LongAdder receiverOtherErrors = new LongAdder();
    private final AtomicLong lastDelivery = new AtomicLong();
    private final Queue<LeanConnection> connections = new ConcurrentLinkedQueue<>();

    public CatchUpScenario(GeneratorSettings settings, Options options) {
        this.settings = settings;
        this.receivers = options.integer("receivers", 1, 1, 10_000);
        this.messagesPerReceiver = options.integer("messages", 10_000, 1, 1_000_000);
        this.senders = options.integer("senders", 10, 1, 10_000);
        this.senderRate = options.integer("sender-rate", 90, 1, 1_000_000);
        this.senderWindow = options.integer("sender-window", 16, 1, 100_000);
        this.timeout = options.duration("timeout", Duration.ofMinutes(5), Duration.ofMinutes(60));
        this.store = BenchStore.from(options).orElseThrow(() -> new IllegalArgumentException(
                "catch-up needs --store=h2 or --store=postgres"));
        this.server = BenchServer.create(options, 0, 0, 0, ClusterRouting.SINGLE_NODE, store);
    }

    @Override
    public RunReport run() throws Exception {
        server.start();
        Target own = settings.target();
        GeneratorSettings effective = settings.withTarget(new Target("127.0.0.1", server.port(own.transport()),
                own.transport(), own.wsPath()));
        long total = (long) receivers * messagesPerReceiver;
        RunReport report = effective.newReport("catch-up").put("transport", own.transport().name())
                .put("database", store.database()).put("receivers", receivers)
                .put("messages_per_receiver", messagesPerReceiver).put("senders", senders)
                .put("sender_rate", senderRate);
        try (LoadClients load = effective.newClients();
                Progress progress = new Progress("catch-up", System.err, () -> String.format(
                        "stored=%d resent=%d received=%d dup=%d out-of-order=%d receiver-305=%d", stored.sum(),
                        resent.sum(), received.sum(), duplicates.sum(), outOfOrder.sum(), receiverRefusals.sum()))) {
            long fillStart = System.nanoTime();
            List<Sender> fill = startSenders(load, effective);
            awaitCount(stored, total, "stored");
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            fill.forEach(Sender::stop);
            // Idle from here on: closed now rather than by the server's idle timeout during a long drain.
            LeanConnection.closeAll(fill.stream().map(Sender::connection).toList());

            long loginStart = System.nanoTime();
            loginReceivers(load, effective);
            awaitCount(received, total, "received");
            double drainSeconds = (lastDelivery.get() - loginStart) / 1e9;
            report.put("stored", stored.sum()).put("sender_resends", resent.sum())
                    .put("sender_errors", senderErrors.sum()).put("fill_s", fillSeconds)
                    .put("fill_per_s", stored.sum() / fillSeconds).put("received", received.sum())
                    .put("not_received", total - received.sum()).put("duplicates", duplicates.sum())
                    .put("out_of_order", outOfOrder.sum()).put("receiver_305", receiverRefusals.sum())
                    .put("receiver_other_errors", receiverOtherErrors.sum()).put("drain_s", drainSeconds)
                    .put("drain_per_s", received.sum() / drainSeconds)
                    .put("server_retransmits", server.stats().retransmits())
                    .put("malformed_inbound", load.counters().malformedInbound())
                    .put("unexpected_closes", load.counters().unexpectedCloses());
            LeanConnection.closeAll(connections);
        }
        finally {
            server.stop();
            store.close();
        }
        return report;
    }

    private void awaitCount(LongAdder counter, long target, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counter.sum() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + counter.sum() + " of " + target + " " + what + " within "
                        + timeout);
            }
            Thread.sleep(5);
        }
    }

    private List<Sender> startSenders(LoadClients load, GeneratorSettings effective) throws InterruptedException {
        List<Sender> started = new ArrayList<>();
        new Pacer(senders, 0, 100).run(index -> {
            Sender sender = new Sender(index, effective.userPrefix() + "-s" + index);
            return Logins.open(load, effective, sender.userId, null, (connection, packet) -> sender.onPacket(packet))
                    .thenAccept(connection -> {
                        synchronized (started) {
                            started.add(sender);
                        }
                        sender.start(connection);
                    });
        }, Duration.ofMinutes(5));
        if (started.size() < senders) {
            throw new IllegalStateException("Only " + started.size() + " of " + senders + " senders logged in");
        }
        return started;
    }

    private void loginReceivers(LoadClients load, GeneratorSettings effective) throws InterruptedException {
        new Pacer(receivers, 0, 200).run(index -> {
            Receiver receiver = new Receiver(receiverId(effective, index));
            return Logins.open(load, effective, receiver.userId, null, receiver::onPacket)
                    .thenAccept(connections::add);
        }, Duration.ofMinutes(5));
    }

    private static String receiverId(GeneratorSettings effective, int index) {
        return effective.userPrefix() + "-r" + index;
    }

    /**
     * One sender: message {@code k} of the run goes to receiver {@code k % receivers} from sender
     * {@code k % senders}, with the fingerprint {@code <sender>-<k>}; one not ACKed within 3 s is sent again, as a
     * stock client does. State is touched on the sender's event loop only.
     */
    private final class Sender {

        private final String userId;
        private final Deque<Long> refused = new ArrayDeque<>();
        /** Sent and not ACKed: each message's last send time, oldest first. */
        private final Map<Long, Long> unacked = new LinkedHashMap<>();
        private long next;
        private double credit;
        private LeanConnection connection;
        private ScheduledFuture<?> pacing;

        Sender(int index, String userId) {
            this.userId = userId;
            this.next = index;
        }

        void start(LeanConnection started) {
            this.connection = started;
            double perTick = senderRate * SENDER_TICK_MILLIS / 1000.0;
            pacing = started.eventLoop().scheduleAtFixedRate(() -> {
                credit = Math.min(credit + perTick, senderWindow);
                resendOverdue();
                while (credit >= 1 && unacked.size() < senderWindow && (!refused.isEmpty() || hasMore())) {
                    credit--;
                    send(refused.isEmpty() ? take() : refused.poll());
                }
                connection.flush();
            }, SENDER_TICK_MILLIS, SENDER_TICK_MILLIS, TimeUnit.MILLISECONDS);
        }

        void stop() {
            pacing.cancel(false);
        }

        LeanConnection connection() {
            return connection;
        }

        private boolean hasMore() {
            return next < (long) receivers * messagesPerReceiver;
        }

        private long take() {
            long k = next;
            next += senders;
            return k;
        }

        private void resendOverdue() {
            long overdue = System.nanoTime() - SENDER_RESEND_NANOS;
            List<Long> due = new ArrayList<>();
            for (Map.Entry<Long, Long> sent : unacked.entrySet()) {
                if (sent.getValue() > overdue) {
                    break;
                }
                due.add(sent.getKey());
            }
            due.forEach(k -> {
                unacked.remove(k);
                resent.increment();
                send(k);
            });
        }

        private void send(long k) {
            unacked.put(k, System.nanoTime());
            String to = receiverId(settings, (int) (k % receivers));
            connection.writeInReply(WireTemplates.qosData(userId, to, userId + "-" + k, Long.toString(k)));
        }

        void onPacket(Packet packet) {
            if (packet.type() == PacketType.ACK) {
                String fp = packet.dataContent();
                if (fp != null && fp.startsWith(userId + "-")
                        && unacked.remove(Long.parseLong(fp.substring(userId.length() + 1))) != null) {
                    stored.increment();
                }
            }
            else if (packet.type() == PacketType.ERROR) {
                long k = refusedMessage(packet);
                if (k < 0) {
                    senderErrors.increment();
                    return;
                }
                if (unacked.remove(k) != null) {
                    resent.increment();
                    refused.add(k);
                }
            }
        }

        /** The message a 52/305 refused (its fingerprint is {@code <sender>-<k>}), or -1 for any other error. */
        private long refusedMessage(Packet error) {
            String fp = ErrorCodes.rateLimitedFingerprint(error);
            if (fp == null || !fp.startsWith(userId + "-")) {
                return -1;
            }
            return Long.parseLong(fp.substring(userId.length() + 1));
        }
    }

    /** One receiver catching up; ACKs every message as it arrives. Touched on its connection's event loop only. */
    private final class Receiver {

        private final String userId;
        private final BitSet seen = new BitSet();
        private final long[] lastFromSender = new long[senders];

        Receiver(String userId) {
            this.userId = userId;
            Arrays.fill(lastFromSender, -1);
        }

        void onPacket(LeanConnection connection, Packet packet) {
            if (packet.type() == PacketType.ERROR) {
                (ErrorCodes.of(packet) == ErrorCode.RATE_LIMITED ? receiverRefusals : receiverOtherErrors)
                        .increment();
                return;
            }
            if (packet.type() != PacketType.DATA) {
                return;
            }
            connection.writeInReply(WireTemplates.ack(userId, packet.from(), packet.fp()));
            long k = Long.parseLong(packet.dataContent());
            int slot = (int) (k / receivers);
            if (seen.get(slot)) {
                duplicates.increment();
                return;
            }
            seen.set(slot);
            int sender = (int) (k % senders);
            if (k < lastFromSender[sender]) {
                outOfOrder.increment();
            }
            lastFromSender[sender] = k;
            lastDelivery.accumulateAndGet(System.nanoTime(), Math::max);
            received.increment();
        }
    }
}
