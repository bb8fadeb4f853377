package io.imstarter.client;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listeners called in registration order; one failing listener is logged and does not stop the others. */
final class ListenerList {

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
}
