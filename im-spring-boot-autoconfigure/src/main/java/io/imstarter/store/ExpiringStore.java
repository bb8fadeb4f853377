package io.imstarter.store;

import java.time.Instant;

/** A store whose messages expire by age ({@code im.store.max-age}); {@link MessageExpiry} runs it. */
@FunctionalInterface
public interface ExpiringStore {

    /**
     * Deletes the messages accepted before the cutoff.
     *
     * @return the number of messages deleted
     */
    long expireAcceptedBefore(Instant cutoff);
}
