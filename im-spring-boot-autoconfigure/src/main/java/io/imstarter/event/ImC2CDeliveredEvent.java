package io.imstarter.event;

/**
 * A QoS C2C message was acknowledged by its receiver (receiver mode) or written to it (server mode).
 *
 * @param message the message
 */
public record ImC2CDeliveredEvent(ImMessage message) implements ImEvent {
}
