package io.imstarter.server;

import io.imstarter.protocol.Packet;
import io.imstarter.store.MessageStore;
import io.imstarter.store.StoreFullException;
import io.imstarter.store.StoredMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline handler of a server built with a {@link MessageStore} (section 10): accepts a message once the store
 * has committed it. Refuses a message without a fingerprint (it could be neither de-duplicated nor acknowledged).
 * A full store ({@link StoreFullException}) and a store failure propagate: the server then answers the sender
 * 52/305 naming the reason, and does not ACK.
 */
public class MessageStoreOfflineHandler implements OfflineHandler {

    private static final Logger log = LoggerFactory.getLogger(MessageStoreOfflineHandler.class);

    private final MessageStore store;

    public MessageStoreOfflineHandler(MessageStore store) {
        this.store = store;
    }

    @Override
    public boolean store(Packet message) {
        if (!hasFingerprint(message)) {
            return false;
        }
        store.append(message.to(), message.from(), message.fp(), message.dataContent(), message.typeu());
        return true;
    }

    /**
     * Hands the message to the store's own asynchronous append, which may share a commit with others. Failing the
     * returned future (the server's hand-off deadline) cancels the append, which a store that has not written it yet
     * then skips.
     */
    @Override
    public CompletableFuture<Boolean> storeAsync(Packet message, Executor decisionExecutor) {
        if (!hasFingerprint(message)) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<StoredMessage> append = store.appendAsync(message.to(), message.from(), message.fp(),
                message.dataContent(), message.typeu(), decisionExecutor);
        CompletableFuture<Boolean> stored = append.thenApply(appended -> true);
        // The server fails this future when the hand-off's deadline passes and tells the sender 305: the store
        // should then not write the message, if it has not yet.
        stored.whenComplete((ignored, failure) -> {
            if (failure != null) {
                append.cancel(false);
            }
        });
        return stored;
    }

    @Override
    public boolean keepsCallOrder() {
        return store.appendsInSubmissionOrder();
    }

    private static boolean hasFingerprint(Packet message) {
        if (message.fp() == null || message.fp().isEmpty()) {
            log.debug("Not storing a message from {} to {}: it has no fingerprint", message.from(), message.to());
            return false;
        }
        return true;
    }
}
