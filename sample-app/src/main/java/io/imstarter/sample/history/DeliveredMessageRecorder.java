package io.imstarter.sample.history;

import io.imstarter.event.ImC2CDeliveredEvent;
import io.imstarter.event.ImMessage;
import io.imstarter.store.MessageStore;
import io.imstarter.store.StoreFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes every C2C message its receiver acknowledged live into the message store, already marked delivered, so that
 * {@code GET /api/history} shows whole conversations: the store by itself only holds what could not be delivered
 * live. Appending is idempotent per {@code (receiver, sender, fp)}, so a message that was stored offline first (and
 * then acknowledged) keeps its one record.
 *
 * <p>Does nothing while the store is off ({@code im.store.enabled=false}). Runs on the starter's event executor, off the Netty threads. Between the append and the mark the record counts
 * as undelivered for a moment; a replay that reads it then sends the receiver a copy its de-duplication drops.
 */
@Component
public class DeliveredMessageRecorder {

    private static final Logger log = LoggerFactory.getLogger(DeliveredMessageRecorder.class);

    private final ObjectProvider<MessageStore> store;

    public DeliveredMessageRecorder(ObjectProvider<MessageStore> store) {
        this.store = store;
    }

    @EventListener
    public void delivered(ImC2CDeliveredEvent event) {
        ImMessage message = event.message();
        MessageStore store = this.store.getIfAvailable();
        if (store == null || message.fp() == null) {
            return;
        }
        try {
            store.append(message.toUserId(), message.fromUserId(), message.fp(), message.content(), message.typeu());
            store.markDelivered(message.toUserId(), message.fromUserId(), message.fp());
        } catch (StoreFullException | IllegalArgumentException notRecorded) {
            // The message itself was delivered; only its history entry is missing.
            log.warn("Delivered message {} from '{}' to '{}' is not in the history: {}", message.fp(),
                    message.fromUserId(), message.toUserId(), notRecorded.getMessage());
        }
    }
}
