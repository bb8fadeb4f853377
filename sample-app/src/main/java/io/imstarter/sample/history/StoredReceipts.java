package io.imstarter.sample.history;

import io.imstarter.event.ImC2CStoredOfflineEvent;
import io.imstarter.event.ImMessage;
import io.imstarter.protocol.UserIds;
import io.imstarter.server.ImServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells a sender that its message was stored for an offline receiver: a push from the server ("0") with
 * {@link #TYPEU} and the message's fingerprint as content, without QoS (a receipt is a courtesy, not a message to
 * retry). The ACK the sender gets looks the same whether the receiver or the store answered (wire protocol section
 * 9.5); this receipt is how the chat page tells "stored" from "delivered".
 */
@Component
public class StoredReceipts {

    /** The sub-type of a stored receipt; the chat page ({@code js/chat.js}) matches it. */
    public static final int TYPEU = 9001;

    private static final Logger log = LoggerFactory.getLogger(StoredReceipts.class);

    private final ObjectProvider<ImServer> server;

    public StoredReceipts(ObjectProvider<ImServer> server) {
        this.server = server;
    }

    @EventListener
    public void stored(ImC2CStoredOfflineEvent event) {
        ImMessage message = event.message();
        ImServer running = server.getIfAvailable();
        if (running == null || message.fp() == null || !UserIds.isLoginable(message.fromUserId())) {
            return;
        }
        running.send(message.fromUserId(), message.fp(), TYPEU, false).exceptionally(failure -> {
            log.debug("No stored receipt for {} to '{}': {}", message.fp(), message.fromUserId(),
                    failure.getMessage());
            return null;
        });
    }
}
