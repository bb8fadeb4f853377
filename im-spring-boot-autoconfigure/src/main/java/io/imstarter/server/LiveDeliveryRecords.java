package io.imstarter.server;

import io.imstarter.protocol.Packet;
import io.imstarter.store.MessageStore;
import io.imstarter.store.StoredMessage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With read receipts on, every C2C message delivered live is recorded in the message store as delivered: read
 * receipts and unread counts work on the receiver's sequence numbers, which only stored messages have. A receiver
 * may send a receipt right after its ACK, before the record commits, so each record in flight is kept until then and
 * a receipt naming it waits for it.
 */
final class LiveDeliveryRecords {

    private static final Logger log = LoggerFactory.getLogger(LiveDeliveryRecords.class);
    private static final RateLimitedLog notRecorded = new RateLimitedLog(log, 5);

    private record Key(String receiver, String sender, String fp) {
    }

    private final MessageStore store;
    private final Executor pool;
    private final int maxInFlight;
    private final Map<Key, CompletableFuture<StoredMessage>> inFlight = new ConcurrentHashMap<>();
    /** Each receiver's newest record in flight: the next one of that receiver waits for it. */
    private final Map<String, CompletableFuture<StoredMessage>> receiverTails = new ConcurrentHashMap<>();

    /** @param maxInFlight the most records waiting to be written; beyond it a message is not recorded */
    LiveDeliveryRecords(MessageStore store, Executor pool, int maxInFlight) {
        this.store = store;
        this.pool = pool;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Records a message its receiver got live; never blocks (the store call runs on the pool). One receiver's
     * records are written one after the other, in the order they came, so its sequence numbers follow the order the
     * messages reached it; different receivers' records run in parallel.
     */
    void record(Packet message) {
        String fp = message.fp() == null || message.fp().isEmpty() ? Packet.newFingerprint() : message.fp();
        Key key = new Key(message.to(), message.from(), fp);
        if (inFlight.size() >= maxInFlight) {
            notRecorded.warn("IM receipt records full ({} waiting): fp={} from {} to {} is not counted as unread",
                    maxInFlight, fp, message.from(), message.to());
            return;
        }
        CompletableFuture<StoredMessage> recorded = new CompletableFuture<>();
        inFlight.put(key, recorded);
        recorded.whenComplete((stored, failure) -> {
            inFlight.remove(key, recorded);
            receiverTails.remove(key.receiver(), recorded);
        });
        CompletableFuture<?> previous = receiverTails.put(key.receiver(), recorded);
        (previous == null ? CompletableFuture.completedFuture(null) : previous)
                .whenComplete((ignored, failure) -> write(key, message, recorded));
    }

    private void write(Key key, Packet message, CompletableFuture<StoredMessage> recorded) {
        try {
            pool.execute(() -> {
                try {
                    recorded.complete(store.recordDelivered(key.receiver(), key.sender(), key.fp(),
                            message.dataContent(), message.typeu()));
                }
                catch (RuntimeException ex) {
                    notRecorded.warn("IM could not record fp={} from {} to {}: it is not counted as unread", key.fp(),
                            key.sender(), key.receiver(), ex);
                    recorded.completeExceptionally(ex);
                }
            });
        }
        catch (RejectedExecutionException full) {
            notRecorded.warn("IM receipt queue full: fp={} from {} to {} is not counted as unread", key.fp(),
                    key.sender(), key.receiver());
            recorded.completeExceptionally(full);
        }
    }

    /** Completes once a record of this message in flight is committed (or failed); done when none is in flight. */
    CompletableFuture<?> committed(String receiver, String sender, String fp) {
        CompletableFuture<StoredMessage> recorded = inFlight.get(new Key(receiver, sender, fp));
        return recorded == null ? CompletableFuture.completedFuture(null) : recorded;
    }
}
