package io.imstarter.store;

/**
 * Names one stored message of a receiver: its sender and fingerprint, unique per receiver.
 *
 * @param sender the user id of the message's sender
 * @param fp the message's fingerprint
 */
public record MessageRef(String sender, String fp) {
}
