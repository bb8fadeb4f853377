package io.imstarter.client;

import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.GroupEnvelope;
import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners called in registration order; one failing listener is logged and does not stop the others. It is a
 * listener itself, so that a manager can hand every client's notifications to its own listeners.
 */
final class ListenerList implements ImClientListener {

    private static final Logger log = LoggerFactory.getLogger(ListenerList.class);

    private final List<ImClientListener> listeners = new CopyOnWriteArrayList<>();

    void add(ImClientListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(ImClientListener listener) {
        listeners.remove(listener);
    }

    void each(Consumer<ImClientListener> call) {
        for (ImClientListener listener : listeners) {
            try {
                call.accept(listener);
            }
            catch (RuntimeException ex) {
                log.error("A client listener failed", ex);
            }
        }
    }

    @Override
    public void onLoginResult(String userId, LoginResponse response, ServerAddress server) {
        each(listener -> listener.onLoginResult(userId, response, server));
    }

    @Override
    public void onLinkClosed(String userId, int code) {
        each(listener -> listener.onLinkClosed(userId, code));
    }

    @Override
    public void onKicked(String userId, KickoutInfo kickout) {
        each(listener -> listener.onKicked(userId, kickout));
    }

    /** Hands the message to every listener; completes when all of them handled it, fails when one did not. */
    @Override
    public CompletableFuture<Void> handleMessage(String userId, Packet message) {
        return handleByAll(message, listener -> listener.handleMessage(userId, message));
    }

    /** As {@link #handleMessage}, for a member's copy of a group message. */
    @Override
    public CompletableFuture<Void> handleGroupMessage(String userId, Packet message, GroupEnvelope.Copy group) {
        return handleByAll(message, listener -> listener.handleGroupMessage(userId, message, group));
    }

    private CompletableFuture<Void> handleByAll(Packet message,
            Function<ImClientListener, CompletionStage<?>> handle) {
        List<CompletableFuture<?>> handled = new ArrayList<>(listeners.size());
        for (ImClientListener listener : listeners) {
            try {
                handled.add(handle.apply(listener).toCompletableFuture());
            }
            catch (RuntimeException ex) {
                log.error("A client listener failed on the message fp={} from {}", message.fp(), message.from(), ex);
                handled.add(CompletableFuture.failedFuture(ex));
            }
        }
        return CompletableFuture.allOf(handled.toArray(CompletableFuture[]::new));
    }

    @Override
    public void onErrorResponse(String userId, ErrorResponse error) {
        each(listener -> listener.onErrorResponse(userId, error));
    }

    @Override
    public void onMessagesAcked(String userId, List<Packet> messages) {
        each(listener -> listener.onMessagesAcked(userId, messages));
    }

    @Override
    public void onMessagesLost(String userId, List<Packet> messages) {
        each(listener -> listener.onMessagesLost(userId, messages));
    }
}
