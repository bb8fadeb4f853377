package io.imstarter.autoconfigure.store;

import io.imstarter.protocol.Packet;
import io.imstarter.server.OfflineHandler;
import io.imstarter.store.MessageStore;
import io.imstarter.store.StoreFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline handler while the message store is on (wire protocol section 10): accepts a message once the store
 * has committed it. Refuses a message without a fingerprint (it could be neither de-duplicated nor acknowledged)
 * and a message for a receiver whose store is full; a store failure propagates, which the server counts as refused.
 */
public class MessageStoreOfflineHandler implements OfflineHandler {

    private static final Logger log = LoggerFactory.getLogger(MessageStoreOfflineHandler.class);

    private final MessageStore store;

    public MessageStoreOfflineHandler(MessageStore store) {
        this.store = store;
    }

    @Override
    public boolean store(Packet message) {
        if (message.fp() == null || message.fp().isEmpty()) {
            log.debug("Not storing a message from {} to {}: it has no fingerprint", message.from(), message.to());
            return false;
        }
        try {
            store.append(message.to(), message.from(), message.fp(), message.dataContent(), message.typeu());
            return true;
        }
        catch (StoreFullException ex) {
            log.warn("Refused message {} from {}: {}", message.fp(), message.from(), ex.getMessage());
            return false;
        }
    }
}
