package io.imstarter.store;

/** The message a read receipt names: its sequence number, fingerprint and sender. */
public record ReadTarget(long seq, String fp, String sender) {
}
