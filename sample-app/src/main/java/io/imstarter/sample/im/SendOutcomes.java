package io.imstarter.sample.im;

import io.imstarter.event.ImC2CDeliveredEvent;
import io.imstarter.event.ImC2CStoredOfflineEvent;
import io.imstarter.event.ImC2CUndeliverableEvent;
import io.imstarter.event.ImMessage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the embedded IM server says became of a C2C message: delivered (the receiver acknowledged it), stored for an
 * offline receiver, or refused by the offline store. A caller watches a message before sending it and stops
 * watching when done; at most {@value #MAX_WATCHED} messages are watched at once.
 */
@Component
public class SendOutcomes {

    /** The most messages watched at the same time; a watch beyond it is declined. */
    static final int MAX_WATCHED = 10_000;

    /** The server's last word on a C2C message. */
    public enum Outcome {
        /** The receiver acknowledged it. */
        DELIVERED,
        /** The offline store committed it; the sender got the ACK on the receiver's behalf. */
        STORED,
        /** The receiver was not reachable and the offline store refused it (full, failing, or off). */
        REFUSED
    }

    private record Key(String sender, String fp) {
    }

    private final Map<Key, CompletableFuture<Outcome>> watched = new ConcurrentHashMap<>();

    /**
     * Starts watching a message about to be sent; empty when too many are watched already. The future completes with
     * the server's outcome; call {@link #forget} when no longer interested.
     */
    public Optional<CompletableFuture<Outcome>> watch(String sender, String fp) {
        if (watched.size() >= MAX_WATCHED) {
            return Optional.empty();
        }
        return Optional.of(watched.computeIfAbsent(new Key(sender, fp), key -> new CompletableFuture<>()));
    }

    public void forget(String sender, String fp) {
        watched.remove(new Key(sender, fp));
    }

    @EventListener
    public void delivered(ImC2CDeliveredEvent event) {
        complete(event.message(), Outcome.DELIVERED);
    }

    @EventListener
    public void stored(ImC2CStoredOfflineEvent event) {
        complete(event.message(), Outcome.STORED);
    }

    @EventListener
    public void refused(ImC2CUndeliverableEvent event) {
        complete(event.message(), Outcome.REFUSED);
    }

    private void complete(ImMessage message, Outcome outcome) {
        if (message.fp() != null) {
            CompletableFuture<Outcome> watcher = watched.get(new Key(message.fromUserId(), message.fp()));
            if (watcher != null) {
                watcher.complete(outcome);
            }
        }
    }
}
