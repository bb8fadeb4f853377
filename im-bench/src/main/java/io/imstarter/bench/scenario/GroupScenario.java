package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.client.LeanConnection;
import io.imstarter.bench.client.LoadClients;
import io.imstarter.bench.client.PacketListener;
import io.imstarter.bench.client.Target;
import io.imstarter.bench.metrics.Latency;
import io.imstarter.bench.metrics.Progress;
import io.imstarter.bench.metrics.UdpReceiveErrors;
import io.imstarter.bench.report.RunReport;
import io.imstarter.bench.server.BenchServer;
import io.imstarter.bench.server.BenchStore;
import io.imstarter.protocol.Transport;
import io.imstarter.server.GroupSettings;
import io.imstarter.server.ImServer;
import io.imstarter.store.GroupMembership;
import io.imstarter.store.GroupStore;
import io.imstarter.store.StoredGroupMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Group conversations (issue 23), against an in-process server with a message and group store
 * ({@code --store=h2|postgres}): a group of {@code --members}, of which {@code --offline} stay away while one member
 * offers {@code --rate} QoS messages a second for {@code --duration} to the group's address (at most
 * {@code --sender-window} without an ACK, a 305 sent again) and the others, online over TCP, UDP and WebSocket in
 * turn, ACK every copy as a stock client does. Then the offline members log in and
 * catch up, log out once their delivered pointers reach the end, and log in a second time. Every check of the issue
 * is counted: each online member got each message once and in the group's order (the table's {@code seq} order),
 * the sender got one ACK per message and each found its row committed on arrival, the table holds one row per
 * message, the offline members got all of them in order at login, and the second login got none.
 */
public final class GroupScenario implements Scenario {

    private static final Transport[] SPREAD = {Transport.TCP, Transport.UDP, Transport.WEBSOCKET};
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(3);
    private static final int PAGE = 1000;

    private final GeneratorSettings settings;
    private final int members;
    private final int offline;
    private final int rate;
    private final int senderWindow;
    private final Duration duration;
    private final Duration drain;
    private final Duration quiet;
    private final Duration stall;
    private final int loginRate;
    private final int messages;
    private final BenchStore store;
    private final GroupSettings groupSettings = new GroupSettings();
    private final ImServer server;
    private final Queue<LeanConnection> open = new ConcurrentLinkedQueue<>();

    public GroupScenario(GeneratorSettings settings, Options options) {
        this.settings = settings;
        this.members = options.integer("members", 500, 3, 100_000);
        this.offline = options.integer("offline", 100, 1, members - 2);
        this.rate = options.integer("rate", 100, 1, 100_000);
        this.senderWindow = options.integer("sender-window", 16, 1, 900);
        this.duration = options.duration("duration", Duration.ofSeconds(60), Duration.ofHours(1));
        this.drain = options.duration("drain", Duration.ofSeconds(120), Duration.ofHours(1));
        this.quiet = options.duration("quiet", Duration.ofSeconds(3), Duration.ofMinutes(5));
        this.stall = options.duration("stall", Duration.ofSeconds(30), Duration.ofHours(1));
        this.loginRate = options.integer("login-rate", 500, 1, 100_000);
        this.messages = Math.toIntExact(Math.max(1, rate * duration.toMillis() / 1000));
        this.store = BenchStore.from(options).orElseThrow(() -> new IllegalArgumentException(
                "group needs --store=h2 or --store=postgres"));
        groupSettings.setMaxMembers(members);
        // every offline member must get all the messages at login, not only the default's last 1,000
        groupSettings.setMaxReplayPerGroup(Math.max(messages, groupSettings.getMaxReplayPerGroup()));
        this.server = BenchServer.withGroups(options, store, groupSettings);
    }

    @Override
    public RunReport run() throws Exception {
        server.start();
        String groupId = settings.userPrefix() + "-group";
        String address = groupSettings.address(groupId);
        GroupStore groups = store.groupStore();
        String senderId = settings.userPrefix() + "-s";
        List<String> onlineIds = userIds("-m", members - offline - 1);
        List<String> offlineIds = userIds("-o", offline);
        groups.create(groupId, senderId, groupSettings.getMaxGroupsPerUser());
        for (String member : concat(onlineIds, offlineIds)) {
            groups.addMember(groupId, member, groupSettings.getMaxMembers(), groupSettings.getMaxGroupsPerUser());
        }
        Target tcp = target(Transport.TCP);
        RunReport report = settings.withTarget(tcp).newReport("group").put("database", store.database())
                .put("members", members).put("online_receivers", onlineIds.size()).put("offline", offline)
                .put("online_transports", "tcp, udp, websocket in turn").put("rate", rate)
                .put("duration_s", duration.toMillis() / 1000.0).put("messages", messages);
        AtomicLongArray sentAt = new AtomicLongArray(messages);
        Latency ackLatency = new Latency();
        Latency delivery = new Latency();
        JdbcClient jdbc = JdbcClient.create(store.dataSource());
        GroupSender sender = new GroupSender(senderId, address, messages, rate, senderWindow, sentAt, ackLatency,
                fp -> isStored(jdbc, groupId, senderId, fp));
        List<GroupMember> online = members(onlineIds, address, sentAt, delivery);
        List<GroupMember> late = members(offlineIds, address, null, null);
        List<GroupMember> again = members(offlineIds, address, null, null);
        OptionalLong udpDropsBefore = UdpReceiveErrors.now();
        try (LoadClients load = settings.withTarget(tcp).newClients();
                LoadClients own = new LoadClients(tcp, 1, settings.sourceFrom(), settings.sources());
                Progress progress = new Progress("group", System.err, () -> String.format(
                        "offered=%d sent=%d acked=%d 305=%d resent=%d online-copies=%d late-copies=%d"
                        + " second-login=%d", sender.offered(), sender.sent(), sender.acked(), sender.refusals(),
                        sender.resends(), sum(online, GroupMember::unique), sum(late, GroupMember::unique),
                        sum(again, GroupMember::received)))) {
            logIn(load, online);
            LeanConnection senderConnection = logIn(own, tcp, senderId, sender);
            long start = System.nanoTime();
            sender.start(senderConnection);
            long deadline = start + duration.toNanos() + drain.toNanos();
            awaitProgress(() -> sender.acked() == messages && online.stream().allMatch(GroupMember::hasAll),
                    () -> sender.acked() + sum(online, GroupMember::received), deadline);
            double liveSeconds = (Math.max(online.stream().mapToLong(GroupMember::lastArrivalNanos).max()
                    .orElse(start), start) - start) / 1e9;
            report.put("sent", sender.sent()).put("acked", sender.acked())
                    .put("acked_per_s", perSecond(sender.acked(), (sender.lastAckNanos() - start) / 1e9))
                    .put("sender_305", sender.refusals()).put("sender_resends", sender.resends())
                    .put("acks_before_commit", sender.acksBeforeCommit())
                    .put("duplicate_acks", sender.duplicateAcks()).put("sender_errors", sender.errors())
                    .putAll(ackLatency.summary("ack"))
                    .put("online_copies_expected", (long) messages * online.size());
            int[] order = groupOrder(groups, groupId);
            report.put("rows", order.length).put("rows_distinct", Arrays.stream(order).distinct().count());
            putMembers(report, "online", online, order);
            report.put("online_copies_per_s", perSecond(sum(online, GroupMember::unique), liveSeconds))
                    .putAll(delivery.summary("delivery"));
            awaitProgress(() -> countDelivered(groups, groupId, onlineIds) == onlineIds.size(),
                    () -> countDelivered(groups, groupId, onlineIds), deadlineFromNow(drain));
            putPointers(report, "online", groups, groupId, online);

            long loginStart = System.nanoTime();
            List<LeanConnection> lateConnections = logIn(load, late);
            awaitProgress(() -> late.stream().allMatch(GroupMember::hasAll), () -> sum(late, GroupMember::received),
                    deadlineFromNow(drain));
            double catchUpSeconds = (late.stream().mapToLong(GroupMember::lastArrivalNanos).max().orElse(loginStart)
                    - loginStart) / 1e9;
            putMembers(report, "offline", late, order);
            report.put("catch_up_s", catchUpSeconds)
                    .put("catch_up_copies_per_s", perSecond(sum(late, GroupMember::unique), catchUpSeconds));
            awaitProgress(() -> countDelivered(groups, groupId, offlineIds) == offlineIds.size(),
                    () -> countDelivered(groups, groupId, offlineIds), deadlineFromNow(drain));
            putPointers(report, "offline", groups, groupId, late);
            LeanConnection.closeAll(lateConnections);
            awaitUntil(() -> offlineIds.stream().noneMatch(id -> server.session(id).isPresent()),
                    deadlineFromNow(drain));

            logIn(load, again);
            awaitUntil(() -> false, deadlineFromNow(quiet)); // any replay has arrived by then
            report.put("second_login_replayed", sum(again, GroupMember::received))
                    .put("server_retransmits", server.stats().retransmits())
                    .put("malformed_inbound", load.counters().malformedInbound() + own.counters().malformedInbound())
                    .put("unexpected_closes", load.counters().unexpectedCloses() + own.counters().unexpectedCloses());
            OptionalLong udpDropsAfter = UdpReceiveErrors.now();
            if (udpDropsBefore.isPresent() && udpDropsAfter.isPresent()) {
                report.put("udp_rcvbuf_errors_machine", udpDropsAfter.getAsLong() - udpDropsBefore.getAsLong());
            }
            report.put("verified", verified(report, online.size()));
            LeanConnection.closeAll(open);
        }
        finally {
            server.stop();
            store.close();
        }
        return report;
    }

    /**
     * Whether every check of the issue holds in the report. Copies that came twice (a re-send after a late or lost
     * ACK, or a catch-up after a member logged in again) are dropped by {@code fp}, as stock clients do: the
     * application sees each message once, which the unique counts and the order check show.
     */
    private boolean verified(RunReport report, int onlineReceivers) {
        long all = (long) messages * onlineReceivers;
        return number(report, "acked") == messages && number(report, "acks_before_commit") == 0
                && number(report, "duplicate_acks") <= number(report, "sender_resends")
                && number(report, "sender_errors") == 0
                && number(report, "online_unique") == all
                && number(report, "online_not_in_group_order") == 0 && number(report, "online_foreign") == 0
                && number(report, "rows") == messages && number(report, "rows_distinct") == messages
                && number(report, "online_pointers_at_end") == onlineReceivers
                && number(report, "offline_unique") == (long) messages * offline
                && number(report, "offline_not_in_group_order") == 0
                && number(report, "offline_foreign") == 0 && number(report, "offline_pointers_at_end") == offline
                && number(report, "second_login_replayed") == 0;
    }

    /** A rate, 0 when nothing was timed (JSON has no infinity). */
    private static double perSecond(long count, double seconds) {
        return seconds > 0 ? count / seconds : 0;
    }

    private static long number(RunReport report, String key) {
        return ((Number) report.get(key)).longValue();
    }

    /** How many got everything, the copies, and how many members' first copies did not come in the group's order. */
    private void putMembers(RunReport report, String prefix, List<GroupMember> group, int[] order) {
        report.put(prefix + "_complete", group.stream().filter(GroupMember::hasAll).count());
        for (Transport transport : SPREAD) {
            report.put(prefix + "_complete_" + transport.key(), group.stream()
                    .filter(m -> m.transport() == transport && m.hasAll()).count() + " of "
                    + group.stream().filter(m -> m.transport() == transport).count());
        }
        report
                .put(prefix + "_unique", sum(group, GroupMember::unique))
                .put(prefix + "_duplicates", sum(group, GroupMember::duplicates))
                .put(prefix + "_not_in_group_order", group.stream().filter(m -> !m.cameInOrder(order)).count())
                .put(prefix + "_foreign", sum(group, GroupMember::foreign))
                .put(prefix + "_relogins", sum(group, GroupMember::relogins));
    }

    /**
     * The group's order as the table holds it: the content of each row in {@code seq} order, which must be 1, 2, 3
     * ... with no gaps (a gap ends the order there, so the checks against it fail).
     */
    private static int[] groupOrder(GroupStore groups, String groupId) {
        List<Integer> order = new ArrayList<>();
        List<StoredGroupMessage> page;
        do {
            page = groups.messagesAfter(groupId, order.size(), PAGE);
            for (StoredGroupMessage row : page) {
                if (row.seq() != order.size() + 1) {
                    return order.stream().mapToInt(Integer::intValue).toArray();
                }
                order.add(Integer.parseInt(row.content()));
            }
        }
        while (page.size() == PAGE);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isStored(JdbcClient jdbc, String groupId, String sender, String fp) {
        return jdbc.sql("SELECT COUNT(*) FROM im_group_message WHERE group_id = :group AND sender = :sender"
                + " AND fp = :fp")
                .param("group", groupId)
                .param("sender", sender)
                .param("fp", fp)
                .query(Long.class)
                .single() == 1;
    }

    /**
     * Waits for the condition, the deadline, or {@code --stall} without progress, whichever comes first; the report
     * says which held.
     */
    private void awaitProgress(BooleanSupplier condition, LongSupplier progress, long deadline)
            throws InterruptedException {
        long last = progress.getAsLong();
        long progressedAt = System.nanoTime();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline
                && System.nanoTime() - progressedAt < stall.toNanos()) {
            Thread.sleep(20);
            long now = progress.getAsLong();
            if (now != last) {
                last = now;
                progressedAt = System.nanoTime();
            }
        }
    }

    /** Members whose delivered pointer reached the last message, in all and per transport. */
    private void putPointers(RunReport report, String prefix, GroupStore groups, String groupId,
            List<GroupMember> group) {
        report.put(prefix + "_pointers_at_end", countDelivered(groups, groupId,
                group.stream().map(GroupMember::userId).toList()));
        for (Transport transport : SPREAD) {
            List<String> over = group.stream().filter(m -> m.transport() == transport).map(GroupMember::userId)
                    .toList();
            report.put(prefix + "_pointers_at_end_" + transport.key(), countDelivered(groups, groupId, over) + " of "
                    + over.size());
        }
    }

    /** Members whose delivered pointer in the store reached the last message. */
    private long countDelivered(GroupStore groups, String groupId, List<String> userIds) {
        Set<String> wanted = Set.copyOf(userIds);
        return groups.members(groupId).stream()
                .filter(member -> wanted.contains(member.userId()) && member.deliveredSeq() == messages)
                .map(GroupMembership::userId)
                .collect(Collectors.toSet())
                .size();
    }

    /** Waits for the condition or the deadline, whichever comes first; the report says which held. */
    private static void awaitUntil(BooleanSupplier condition, long deadline) throws InterruptedException {
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static long deadlineFromNow(Duration within) {
        return System.nanoTime() + within.toNanos();
    }

    /** Logs the members in, over TCP, UDP and WebSocket in turn, with keep-alives, at the login rate. */
    private List<LeanConnection> logIn(LoadClients load, List<GroupMember> group) throws InterruptedException {
        Queue<LeanConnection> connections = new ConcurrentLinkedQueue<>();
        new Pacer(group.size(), loginRate, 200).run(index -> {
            GroupMember member = group.get(index);
            return Logins.open(load, target(member.transport()), settings, member.userId(), null, member)
                    .thenAccept(connection -> {
                        connection.startKeepAlive(KEEP_ALIVE, Duration.ofMillis(
                                ThreadLocalRandom.current().nextLong(KEEP_ALIVE.toMillis())));
                        connections.add(connection);
                        open.add(connection);
                    });
        }, Duration.ofMinutes(5));
        if (connections.size() < group.size()) {
            throw new IllegalStateException("Only " + connections.size() + " of " + group.size()
                    + " members logged in");
        }
        return List.copyOf(connections);
    }

    private LeanConnection logIn(LoadClients load, Target target, String userId, PacketListener listener)
            throws Exception {
        LeanConnection connection = Logins.open(load, target, settings, userId, null, listener).get();
        connection.startKeepAlive(KEEP_ALIVE, KEEP_ALIVE);
        open.add(connection);
        return connection;
    }

    private Target target(Transport transport) {
        return new Target("127.0.0.1", server.port(transport), transport, settings.target().wsPath());
    }

    /** Members over TCP, UDP and WebSocket in turn. */
    private List<GroupMember> members(List<String> userIds, String address, AtomicLongArray sentAt,
            Latency delivery) {
        List<GroupMember> members = new ArrayList<>(userIds.size());
        for (int i = 0; i < userIds.size(); i++) {
            members.add(new GroupMember(userIds.get(i), SPREAD[i % SPREAD.length], address, messages, sentAt,
                    delivery, settings.tokens()::tokenFor));
        }
        return members;
    }

    private List<String> userIds(String kind, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(settings.userPrefix() + kind + i);
        }
        return ids;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static long sum(List<GroupMember> group, ToLongFunction<GroupMember> count) {
        return group.stream().mapToLong(count).sum();
    }
}
