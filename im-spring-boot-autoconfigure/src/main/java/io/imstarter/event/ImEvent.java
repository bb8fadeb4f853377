package io.imstarter.event;

/**
 * Marks the IM notifications published as Spring application events. They are published off the Netty event loops
 * on the bounded {@code im-event} executor; an {@code @EventListener} for one of them that throws is logged and
 * keeps the event from nobody else.
 */
public interface ImEvent {
}
