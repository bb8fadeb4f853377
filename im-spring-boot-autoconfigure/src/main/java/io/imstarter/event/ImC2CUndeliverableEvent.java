package io.imstarter.event;

/**
 * A C2C message could not be delivered and the offline handler refused it.
 *
 * @param message the message
 */
public record ImC2CUndeliverableEvent(ImMessage message) implements ImEvent {
}
