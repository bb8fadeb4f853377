package io.imstarter.autoconfigure;

import io.imstarter.event.ImEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes {@link ImEvent}s as Spring application events on the bounded {@code im-event} executor
 * ({@code im.events.*}), so that listeners never run on a Netty event loop or hold up the server's dispatch.
 * With one thread (the default) events arrive in the order they were reported.
 */
public final class ImEventPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImEventPublisher.class);

    private final ApplicationEventPublisher publisher;

    private final BoundedExecutor executor;

    /**
     * @param threads publishing threads; 1 keeps the order
     * @param queueCapacity events that may wait before further ones are dropped
     */
    public ImEventPublisher(ApplicationEventPublisher publisher, int threads, int queueCapacity) {
        this.publisher = publisher;
        this.executor = new BoundedExecutor("im-event", threads, queueCapacity);
    }

    /** Queues the event; when the queue is full it is dropped and counted. */
    public void publish(ImEvent event) {
        executor.execute(() -> deliver(event));
    }

    /**
     * Queues an event the sender is waiting on (a C2S message, ACKed only once queued).
     *
     * @throws RejectedExecutionException when the queue is full: the server then refuses the message with 52/305
     *     and does not ACK it, so the sender retries instead of the message being lost
     */
    public void publishOrRefuse(ImEvent event) {
        if (!executor.tryExecute(() -> deliver(event))) {
            throw new RejectedExecutionException("The IM event queue is full; " + event + " was refused");
        }
    }

    /**
     * Queues an event whose sender waits until the listeners have handled it (a message the embedded client ACKs
     * only then, section 9.6). The future completes once every listener returned; it fails when the queue is full
     * or closed, or when a listener threw (the other listeners still get the event).
     */
    public CompletableFuture<Void> publishAndAwait(ImEvent event) {
        CompletableFuture<Void> handled = new CompletableFuture<>();
        if (!executor.tryExecute(() -> deliverAwaited(event, handled))) {
            handled.completeExceptionally(new RejectedExecutionException("The IM event queue is full; " + event
                    + " was refused"));
        }
        return handled;
    }

    private void deliverAwaited(ImEvent event, CompletableFuture<Void> handled) {
        try {
            RuntimeException failure = IsolatingEventListenerFactory.firstFailureDuring(
                    () -> publisher.publishEvent(event));
            if (failure == null) {
                handled.complete(null);
            }
            else {
                handled.completeExceptionally(failure);
            }
        }
        catch (RuntimeException ex) {
            log.warn("An application listener failed on {}", event, ex);
            handled.completeExceptionally(ex);
        }
    }

    private void deliver(ImEvent event) {
        try {
            publisher.publishEvent(event);
        }
        catch (RuntimeException ex) {
            log.warn("An application listener failed on {}", event, ex);
        }
    }

    /** Events dropped because the queue was full or publishing had stopped. */
    public long droppedEvents() {
        return executor.dropped();
    }

    /** Publishes what is queued, then stops the publishing threads. */
    @Override
    public void close() {
        executor.close();
    }
}
