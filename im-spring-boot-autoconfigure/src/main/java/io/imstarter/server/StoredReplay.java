package io.imstarter.server;

import io.imstarter.protocol.Packet;
import io.imstarter.qos.QosSettings;
import io.imstarter.store.MessageRef;
import io.imstarter.store.MessageStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays each receiver's undelivered stored messages when it logs in (section 10), one {@link ReceiverReplay} per
 * logged-in receiver, kept until its session ends; a new login of the user replaces its replay and starts again
 * from the store. A message stored while its receiver is online (its ACK timed out) is replayed at once. Store
 * calls run on the server's store executor, never on an event loop; a periodic check on the QoS timer re-sends what
 * is not acknowledged and drops the replays of sessions that ended.
 */
final class StoredReplay implements OfflineReplay {

    private static final Logger log = LoggerFactory.getLogger(StoredReplay.class);

    private final MessageStore store;
    private final ReplaySettings settings;
    private final QosSettings qos;
    private final SessionRegistry registry;
    private final ImServerStats stats;
    private final Executor storePool;
    private final Map<String, ReceiverReplay> replays = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService scheduler;
    private volatile ScheduledFuture<?> checks;

    StoredReplay(MessageStore store, ReplaySettings settings, QosSettings qos, SessionRegistry registry,
            ImServerStats stats, Executor storePool) {
        this.store = store;
        this.settings = settings;
        this.qos = qos;
        this.registry = registry;
        this.stats = stats;
        this.storePool = storePool;
    }

    @Override
    public void start(ScheduledExecutorService timer) {
        this.scheduler = timer;
        long every = qos.getCheckInterval().toMillis();
        checks = timer.scheduleWithFixedDelay(this::checkSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (checks != null) {
            checks.cancel(false);
        }
        replays.values().forEach(ReceiverReplay::end);
        replays.clear();
    }

    @Override
    public void loggedIn(Connection connection) {
        ReceiverReplay replay = new ReceiverReplay(this, connection);
        ReceiverReplay replaced = replays.put(replay.userId(), replay);
        if (replaced != null) {
            replaced.end();
        }
        replay.pump();
    }

    @Override
    public boolean acknowledge(Packet ack) {
        ReceiverReplay replay = replays.get(ack.from());
        return replay != null && replay.acknowledge(ack);
    }

    @Override
    public void storedFor(String receiver) {
        ReceiverReplay replay = replays.get(receiver);
        if (replay != null) {
            replay.moreStored();
        }
    }

    @Override
    public boolean replayed(Packet message) {
        ReceiverReplay replay = replays.get(message.to());
        return replay != null && replay.sent(message);
    }

    @Override
    public void deliveredLive(Packet message) {
        ReceiverReplay replay = replays.get(message.to());
        if (replay != null) {
            replay.deliveredLive(message);
        }
    }

    @Override
    public void storedCopyAcknowledged(Packet ack) {
        markDelivered(ack.from(), ack.to(), ack.dataContent());
    }

    ReplaySettings settings() {
        return settings;
    }

    ImServerStats stats() {
        return stats;
    }

    /** Whether {@code connection} still holds the user's session. */
    boolean isCurrent(Connection connection, String userId) {
        return !connection.isClosed() && registry.holds(userId, connection);
    }

    /** Runs a store call on the store executor; false (and counted) when its queue is full. */
    boolean runOnStore(Runnable call) {
        try {
            storePool.execute(call);
            return true;
        }
        catch (RejectedExecutionException full) {
            stats.recordStoreTaskRefused();
            return false;
        }
    }

    MessageStore store() {
        return store;
    }

    /** Runs {@code task} on the QoS timer after {@code delayMillis}; null when the server is stopping. */
    ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        try {
            return scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException stopping) {
            return null;
        }
    }

    /**
     * Marks a stored message delivered, off the event loop. If that cannot happen now, the message stays undelivered
     * and is replayed at the next login, where the receiver's de-duplication drops it.
     */
    void markDelivered(String receiver, String sender, String fp) {
        if (!runOnStore(() -> markDeliveredNow(receiver, List.of(new MessageRef(sender, fp))))) {
            log.warn("IM store queue full: fp={} from {} stays undelivered to {} and will be replayed again", fp,
                    sender, receiver);
        }
    }

    /** Marks a batch of the receiver's messages delivered; on the store executor only, as it blocks. */
    void markDeliveredNow(String receiver, List<MessageRef> messages) {
        try {
            store.markDelivered(receiver, messages);
        }
        catch (RuntimeException ex) {
            log.warn("IM could not mark {} messages delivered to {}; they will be replayed again", messages.size(),
                    receiver, ex);
        }
    }

    @Override
    public boolean awaitsAck(String receiver, String sender, String fp) {
        ReceiverReplay replay = replays.get(receiver);
        return replay != null && replay.awaitsAck(sender, fp);
    }

    /** Re-sends or gives up what waits for an ACK; forgets replays whose session ended. */
    private void checkSafely() {
        try {
            long now = System.currentTimeMillis();
            for (ReceiverReplay replay : replays.values()) {
                if (replay.isSessionOver()) {
                    replays.remove(replay.userId(), replay);
                    replay.end();
                }
                else {
                    replay.check(now, qos.getMinAge().toMillis(), qos.getMaxRetries());
                }
            }
        }
        catch (RuntimeException ex) {
            log.error("IM replay check failed", ex);
        }
    }
}
