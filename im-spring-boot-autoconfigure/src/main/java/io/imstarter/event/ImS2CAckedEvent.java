package io.imstarter.event;

/**
 * A client acknowledged a QoS message the server sent.
 *
 * @param message the message
 */
public record ImS2CAckedEvent(ImMessage message) implements ImEvent {
}
