package io.imstarter.autoconfigure.store;

import io.imstarter.protocol.UserIds;
import io.imstarter.store.MessageStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when the {@link MessageStore} answers a query, DOWN with the store's error otherwise. The query counts the
 * messages stored for the server's own id, which never receives C2C messages, so it is cheap on any store.
 */
public class ImStoreHealthIndicator extends AbstractHealthIndicator {

    private final MessageStore store;

    public ImStoreHealthIndicator(MessageStore store) {
        super("IM message store health check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        store.countUndelivered(UserIds.SERVER);
        builder.up();
    }
}
