package io.imstarter.server;

/** Identifies one QoS message: its sender (or, for S2C, its receiver) and fingerprint. */
record MessageKey(String peer, String fp) {
}
