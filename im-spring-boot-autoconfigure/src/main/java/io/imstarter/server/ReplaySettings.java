package io.imstarter.server;

import io.imstarter.protocol.Transport;

/**
 * How stored messages are replayed to a receiver that logs in (section 10): read from the store a page at a time,
 * the next page prefetched while the last is sent, and flow-controlled by the receiver's ACKs: at most
 * {@code window} replayed messages wait for an ACK at once ({@code datagramWindow} on UDP, where each is a datagram
 * that a full socket buffer drops).
 *
 * @param pageSize the stored messages read per query
 * @param window the most replayed messages waiting for the receiver's ACK on TCP and WebSocket
 * @param datagramWindow the most replayed messages waiting for the receiver's ACK on UDP
 */
public record ReplaySettings(int pageSize, int window, int datagramWindow) {

    /** The defaults of {@code im.store.replay-batch-size}, {@code replay-window} and {@code replay-window-udp}. */
    public static final ReplaySettings DEFAULTS = new ReplaySettings(200, 64, 16);

    public ReplaySettings {
        if (pageSize < 1 || window < 1 || datagramWindow < 1) {
            throw new IllegalArgumentException("The replay page size (" + pageSize + "), window (" + window
                    + ") and UDP window (" + datagramWindow + ") must be at least 1");
        }
    }

    /** The window for a receiver connected over {@code transport}. */
    public int window(Transport transport) {
        return transport == Transport.UDP ? datagramWindow : window;
    }
}
