package io.imstarter.cluster.redis;

import io.imstarter.cluster.ClusterSettings;
import io.imstarter.server.ClusterNode;
import io.imstarter.server.KickReason;
import io.imstarter.server.SessionInfo;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Keeps the presence of this node's users alive, in batches of one script call each: refreshes their TTL,
 * re-creates entries that Redis lost (a restart without persistence), and ends local sessions that another node
 * took over while the message telling this node was lost.
 */
final class PresenceHeartbeat {

    private static final Logger log = LoggerFactory.getLogger(PresenceHeartbeat.class);
    private static final int BATCH = 500;

    private final ClusterSettings settings;
    private final RedisKeys keys;
    private final ReactiveStringRedisTemplate redis;
    private final ClusterNode node;
    private volatile boolean failing;

    PresenceHeartbeat(ClusterSettings settings, RedisKeys keys, ReactiveStringRedisTemplate redis, ClusterNode node) {
        this.settings = settings;
        this.keys = keys;
        this.redis = redis;
        this.node = node;
    }

    void beat() {
        try {
            List<SessionInfo> sessions = node.sessions();
            for (int from = 0; from < sessions.size(); from += BATCH) {
                refresh(sessions.subList(from, Math.min(sessions.size(), from + BATCH)));
            }
            if (failing) {
                failing = false;
                log.info("IM cluster: node {} reaches Redis again; presence of {} users refreshed", settings.nodeId(),
                        sessions.size());
            }
        }
        catch (RuntimeException ex) {
            if (!failing) {
                failing = true;
                log.warn("IM cluster: node {} cannot refresh presence; retrying every {}: {}", settings.nodeId(),
                        settings.heartbeat(), ex.toString());
            }
        }
    }

    private void refresh(List<SessionInfo> batch) {
        List<String> userKeys = new ArrayList<>(batch.size());
        List<String> args = new ArrayList<>(2 + 3 * batch.size());
        args.add(settings.nodeId());
        args.add(Long.toString(settings.presenceTtl().toMillis()));
        for (SessionInfo session : batch) {
            userKeys.add(keys.user(session.userId()));
            args.add(session.transport().name());
            args.add(Long.toString(session.firstLoginTime()));
            args.add(Long.toString(session.loggedInAt().toEpochMilli()));
        }
        List<?> reply = redis.execute(PresenceScripts.HEARTBEAT, userKeys, args).collectList()
                .block(settings.operationTimeout());
        List<String> displaced = PresenceScripts.strings(reply == null ? List.of() : reply);
        for (int i = 0; i + 1 < displaced.size(); i += 2) {
            SessionInfo session = batch.get(Integer.parseInt(displaced.get(i)) - 1);
            // Same rule as the claim: the newer login sent this session's firstLoginTime, so it is the same client.
            KickReason reason = displaced.get(i + 1).equals(Long.toString(session.firstLoginTime()))
                    ? KickReason.REPLACED : KickReason.DUPLICATE_LOGIN;
            node.displace(session.userId(), session.firstLoginTime(), reason);
        }
    }
}
