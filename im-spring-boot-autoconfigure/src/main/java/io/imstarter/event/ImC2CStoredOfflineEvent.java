package io.imstarter.event;

/**
 * The offline handler accepted a C2C message.
 *
 * @param message the message
 */
public record ImC2CStoredOfflineEvent(ImMessage message) implements ImEvent {
}
