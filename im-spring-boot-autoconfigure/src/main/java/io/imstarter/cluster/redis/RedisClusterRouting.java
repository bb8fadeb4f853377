package io.imstarter.cluster.redis;

import io.imstarter.cluster.ClusterMessage;
import io.imstarter.cluster.ClusterSettings;
import io.imstarter.cluster.DisplacementWaits;
import io.imstarter.cluster.MissedDisplacements;
import io.imstarter.cluster.PendingPushes;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ClusterNode;
import io.imstarter.server.ClusterPresence;
import io.imstarter.server.ClusterRouting;
import io.imstarter.server.S2CSendException;
import io.imstarter.server.SessionInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * {@link ClusterRouting} on Redis. Presence: one hash per user ({@code <prefix>user:<id>}: node, transport,
 * firstLoginTime, login time) with a TTL that the holding node's heartbeat refreshes, changed only by Lua scripts
 * so that the duplicate-login rules and compare-and-delete are atomic. Routing: one Pub/Sub channel per node
 * ({@code <prefix>node:<id>}); a script looks up the user's node and publishes in one round trip, and a publish
 * that reaches no subscriber means the node is gone. The sender's node keeps all QoS state, so a lost Pub/Sub
 * message is re-sent or handed off there exactly as a lost socket write would be.
 *
 * <p>When Redis is unreachable, logins are accepted on this node alone (logged), messages to other nodes' users
 * fail over to the offline hand-off, and the next heartbeat after Redis returns re-creates this node's presence.
 */
public final class RedisClusterRouting implements ClusterRouting {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterRouting.class);
    /** Presence claims sent to Redis at once; a login storm's other claims wait their turn without a thread. */
    private static final int CLAIMS_IN_FLIGHT = 64;
    private static final int CLAIMS_WAITING = 100_000;
    /** How often the users' nodes that missed a stored-message notice are told again. */
    private static final long STORED_NOTICE_RETRY_MILLIS = 250;
    /** Keys asked of Redis per SCAN step. */
    private static final int SCAN_BATCH = 1000;
    /** Presence hashes read at once while listing the online users. */
    private static final int READS_IN_FLIGHT = 64;

    private final ClusterSettings settings;
    private final ReactiveStringRedisTemplate redis;
    private final RedisConnectionFactory connectionFactory;
    private final RedisKeys keys;
    private volatile Membership membership;

    public RedisClusterRouting(ClusterSettings settings, RedisConnectionFactory connectionFactory,
            ReactiveStringRedisTemplate redis) {
        this.settings = settings;
        this.connectionFactory = connectionFactory;
        this.redis = redis;
        this.keys = new RedisKeys(settings.keyPrefix());
    }

    /** What lives while the node is in the cluster. */
    private record Membership(ClusterNode node, ExecutorService inbound, ExecutorService completions,
            ScheduledExecutorService heartbeats, RedisMessageListenerContainer container, PendingPushes pushes,
            MissedDisplacements displacements, DisplacementWaits displacementWaits, StoredNotices storedNotices,
            InFlightLimit claims) {
    }

    @Override
    public Optional<String> nodeId() {
        return Optional.of(settings.nodeId());
    }

    public ClusterSettings settings() {
        return settings;
    }

    @Override
    public synchronized void start(ClusterNode node) {
        if (membership != null) {
            throw new IllegalStateException("Node " + settings.nodeId() + " is in the cluster already");
        }
        ExecutorService inbound = ClusterThreads.serial("im-cluster-in-" + settings.nodeId());
        ExecutorService completions = ClusterThreads.pool("im-cluster-" + settings.nodeId());
        ScheduledExecutorService heartbeats = ClusterThreads.scheduler("im-cluster-heartbeat-" + settings.nodeId());
        PendingPushes pushes = new PendingPushes(settings.requestTimeout(), settings.maxPendingRequests(),
                completions);
        MissedDisplacements displacements = new MissedDisplacements(settings.presenceTtl());
        DisplacementWaits displacementWaits = new DisplacementWaits(settings.operationTimeout());
        NodeChannelListener listener = new NodeChannelListener(node, pushes, displacements, displacementWaits,
                this::reply);
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connectionFactory);
        container.setTaskExecutor(inbound);
        container.setRecoveryInterval(Math.min(1000, settings.heartbeat().toMillis()));
        container.addMessageListener(listener, new ChannelTopic(keys.channel(settings.nodeId())));
        container.afterPropertiesSet();
        container.start();
        PresenceHeartbeat heartbeat = new PresenceHeartbeat(settings, keys, redis, node);
        long every = settings.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(() -> {
            heartbeat.beat();
            displacements.expire();
        }, 0, every, TimeUnit.MILLISECONDS);
        // A user no node holds is given two heartbeats: after a Redis restart, its node re-creates its presence.
        StoredNotices storedNotices = new StoredNotices(userId -> route(userId, ClusterMessage.stored(userId)),
                settings.heartbeat().multipliedBy(2));
        heartbeats.scheduleWithFixedDelay(storedNotices::retry, STORED_NOTICE_RETRY_MILLIS,
                STORED_NOTICE_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        membership = new Membership(node, inbound, completions, heartbeats, container, pushes, displacements,
                displacementWaits, storedNotices, new InFlightLimit(CLAIMS_IN_FLIGHT, CLAIMS_WAITING, ClusterThreads.orCaller(completions)));
        log.info("IM cluster node {} joined (presence TTL {}, heartbeat {})", settings.nodeId(),
                settings.presenceTtl(), settings.heartbeat());
    }

    /** Leaves the cluster; presence of sessions still open here is left to expire. */
    @Override
    public synchronized void stop() {
        Membership leaving = membership;
        if (leaving == null) {
            return;
        }
        membership = null;
        leaving.heartbeats().shutdownNow();
        leaving.container().stop();
        try {
            leaving.container().destroy();
        }
        catch (Exception ex) {
            log.warn("IM cluster: closing the subscription of node {} failed", settings.nodeId(), ex);
        }
        leaving.pushes().abandonAll();
        leaving.displacementWaits().abandonAll();
        leaving.inbound().shutdown();
        leaving.completions().shutdown();
        log.info("IM cluster node {} left", settings.nodeId());
    }

    /** Completes on the cluster's own threads, like {@link #route}; never fails (Redis down: accepted here alone). */
    @Override
    public CompletableFuture<Boolean> claim(SessionInfo newcomer, long sentFirstLoginTime) {
        Membership member = membership;
        if (member == null) {
            return CompletableFuture.completedFuture(true);
        }
        return member.claims().submit(() -> redis.execute(PresenceScripts.CLAIM,
                List.of(keys.user(newcomer.userId())), List.of(settings.nodeId(), newcomer.transport().name(),
                        Long.toString(newcomer.firstLoginTime()), Long.toString(sentFirstLoginTime),
                        Long.toString(settings.presenceTtl().toMillis()),
                        Long.toString(newcomer.loggedInAt().toEpochMilli())))
                .collectList().toFuture()
                .orTimeout(settings.operationTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .handleAsync((reply, failure) -> claimed(member, newcomer, reply, failure),
                        ClusterThreads.orCaller(member.completions()))
                .thenCompose(claimed -> claimed);
    }

    /**
     * The claim's outcome. A newcomer that displaced a session on another node completes only once that node
     * confirmed the session ended (or after {@code operation-timeout} without an answer), so that the user is not
     * registered on both nodes while the displacement travels.
     */
    private CompletableFuture<Boolean> claimed(Membership member, SessionInfo newcomer, List<?> reply,
            Throwable failure) {
        if (failure != null) {
            log.warn("IM cluster: claiming {} failed, accepting the login on node {} alone: {}", newcomer.userId(),
                    settings.nodeId(), failure.toString());
            return CompletableFuture.completedFuture(true);
        }
        List<String> outcome = PresenceScripts.strings(reply);
        if (outcome.isEmpty()) {
            return CompletableFuture.completedFuture(true);
        }
        if ("STALE".equals(outcome.get(0))) {
            return CompletableFuture.completedFuture(false);
        }
        if ("DISPLACED".equals(outcome.get(0)) && outcome.size() >= 4) {
            DisplacementWaits.Wait wait = member.displacementWaits().open();
            String displacedNode = outcome.get(1);
            redis.convertAndSend(keys.channel(displacedNode), ClusterMessage.displace(newcomer.userId(),
                    Long.parseLong(outcome.get(2)), outcome.get(3), settings.nodeId(), wait.requestId()).toJson())
                    .subscribe(reached -> {
                        if (reached == 0) {
                            member.displacementWaits().confirmed(wait.requestId()); // nobody there to end it
                        }
                    }, lost -> {
                        log.warn("IM cluster: publishing a displacement to node {} failed: {}", displacedNode,
                                lost.toString());
                        member.displacementWaits().confirmed(wait.requestId());
                    });
            return wait.confirmed().thenApplyAsync(confirmed -> true, ClusterThreads.orCaller(member.completions()));
        }
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public void registered(SessionInfo session) {
        Membership member = membership;
        if (member != null) {
            member.displacements().registered(member.node(), session);
        }
    }

    @Override
    public void stored(String userId) {
        Membership member = membership;
        if (member != null) {
            member.storedNotices().stored(userId);
        }
    }

    @Override
    public void release(SessionInfo session) {
        redis.execute(PresenceScripts.RELEASE, List.of(keys.user(session.userId())),
                List.of(settings.nodeId(), Long.toString(session.firstLoginTime())))
                .subscribe(removed -> { }, failure -> log.warn("IM cluster: releasing {} failed ({}); it expires in {}",
                        session.userId(), failure.toString(), settings.presenceTtl()));
    }

    @Override
    public CompletableFuture<Void> forward(String userId, Packet packet) {
        return route(userId, ClusterMessage.packet(packet)).thenAccept(reached -> {
            if (reached <= 0) {
                throw new IllegalStateException("User " + userId + " is not online on another node");
            }
        });
    }

    @Override
    public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos, String fp) {
        Membership member = membership;
        if (member == null) {
            return CompletableFuture.failedFuture(new S2CSendException(S2CSendException.Reason.NOT_RUNNING, fp,
                    "Node " + settings.nodeId() + " is not in the cluster"));
        }
        PendingPushes.Pending pending = member.pushes().open(toUserId, fp);
        if (pending.requestId() == null) {
            return pending.result();
        }
        ClusterMessage push = ClusterMessage.s2c(toUserId, content, typeu, qos, fp, settings.nodeId(),
                pending.requestId());
        route(toUserId, push).whenComplete((reached, failure) -> {
            if (failure != null) {
                member.pushes().fail(pending.requestId(), new S2CSendException(S2CSendException.Reason.WRITE_FAILED,
                        fp, "Routing the push to " + toUserId + " failed: " + failure));
            }
            else if (reached <= 0) {
                member.pushes().fail(pending.requestId(), new S2CSendException(S2CSendException.Reason.OFFLINE, fp,
                        "User " + toUserId + " is not online"));
            }
        });
        return pending.result();
    }

    @Override
    public boolean kick(String userId, String reason) {
        try {
            return route(userId, ClusterMessage.kick(userId, reason))
                    .get(settings.operationTimeout().toMillis(), TimeUnit.MILLISECONDS) > 0;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
        catch (Exception ex) {
            log.warn("IM cluster: kicking {} through node {} failed: {}", userId, settings.nodeId(), ex.toString());
            return false;
        }
    }

    /**
     * Publishes to the node that holds the user: -1 when none but this one does, else the subscribers reached.
     * Completes off the Redis client's threads, so that what follows (hand-off, listeners) never runs there.
     */
    private CompletableFuture<Long> route(String userId, ClusterMessage message) {
        Membership member = membership;
        if (member == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Node " + settings.nodeId()
                    + " is not in the cluster"));
        }
        return redis.execute(PresenceScripts.ROUTE, List.of(keys.user(userId)),
                List.of(settings.nodeId(), keys.channelPrefix(), message.toJson()))
                .next().defaultIfEmpty(-1L)
                // Cancelled, not just abandoned: a route Lettuce still buffers (Redis away) is never sent later,
                // after its message went to the store.
                .timeout(settings.operationTimeout())
                .toFuture()
                .whenCompleteAsync((reached, failure) -> { }, ClusterThreads.orCaller(member.completions()));
    }

    /**
     * Scans the presence keys (SCAN, never KEYS) and reads each hash, {@value #READS_IN_FLIGHT} at a time on the one
     * connection; an entry that expires in between is skipped. Meant for listings, health and metrics, not for every
     * message.
     */
    @Override
    public CompletableFuture<List<ClusterPresence>> onlineUsers(int limit) {
        Membership member = membership;
        if (member == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Node " + settings.nodeId()
                    + " is not in the cluster"));
        }
        ScanOptions scan = ScanOptions.scanOptions().match(keys.userPattern()).count(SCAN_BATCH).build();
        return redis.scan(scan).distinct().take(limit)
                .flatMapSequential(key -> redis.<String, String>opsForHash().entries(key)
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                        .map(fields -> presence(keys.userId(key), fields)), READS_IN_FLIGHT)
                .filter(presence -> presence.nodeId() != null)
                // Reactor's timeout, so that a scan that runs late is cancelled rather than left running.
                .collectList().timeout(settings.operationTimeout().multipliedBy(5)).toFuture()
                .whenCompleteAsync((online, failure) -> { }, ClusterThreads.orCaller(member.completions()));
    }

    private static ClusterPresence presence(String userId, Map<String, String> fields) {
        return new ClusterPresence(userId, fields.get("node"), Transport.valueOf(fields.getOrDefault("transport",
                Transport.TCP.name())), Long.parseLong(fields.getOrDefault("flt", "0")),
                Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("since", "0"))));
    }

    private void reply(String nodeId, ClusterMessage message) {
        publish(nodeId, message);
    }

    private void publish(String nodeId, ClusterMessage message) {
        redis.convertAndSend(keys.channel(nodeId), message.toJson()).subscribe(reached -> { },
                failure -> log.warn("IM cluster: publishing {} to node {} failed: {}", message.kind(), nodeId,
                        failure.toString()));
    }
}
