package io.imstarter.protocol;

import java.time.Duration;

/**
 * Heartbeat sense modes (section 8): the client's keep-alive interval and link-lost timeout, and the server idle
 * timeout that serves them, per kind of transport. UDP rows exist only where MobileIMSDK defines them.
 */
public enum SenseMode {
    MODE_3S(3, 5, 7, 10, 10),
    MODE_5S(5, 8, 11, 0, 0),
    MODE_10S(10, 15, 15, 21, 21),
    MODE_15S(15, 20, 20, 0, 0),
    MODE_30S(30, 35, 35, 61, 62),
    MODE_60S(60, 65, 65, 121, 122),
    MODE_120S(120, 125, 125, 241, 242);

    private final int intervalSeconds;
    private final int streamTimeoutSeconds;
    private final int streamServerIdleSeconds;
    private final int udpTimeoutSeconds;
    private final int udpServerIdleSeconds;

    SenseMode(int interval, int streamTimeout, int streamServerIdle, int udpTimeout, int udpServerIdle) {
        this.intervalSeconds = interval;
        this.streamTimeoutSeconds = streamTimeout;
        this.streamServerIdleSeconds = streamServerIdle;
        this.udpTimeoutSeconds = udpTimeout;
        this.udpServerIdleSeconds = udpServerIdle;
    }

    /** Whether the mode is defined for the transport (UDP has fewer rows). */
    public boolean supports(Transport transport) {
        return transport != Transport.UDP || udpTimeoutSeconds > 0;
    }

    /** How often the client sends a keep-alive. */
    public Duration keepAliveInterval() {
        return Duration.ofSeconds(intervalSeconds);
    }

    /** How long the client waits for a keep-alive reply before declaring the link lost. */
    public Duration clientTimeout(Transport transport) {
        requireSupported(transport);
        return Duration.ofSeconds(transport == Transport.UDP ? udpTimeoutSeconds : streamTimeoutSeconds);
    }

    /** How long the server waits for inbound traffic before closing the connection. */
    public Duration serverIdleTimeout(Transport transport) {
        requireSupported(transport);
        return Duration.ofSeconds(transport == Transport.UDP ? udpServerIdleSeconds : streamServerIdleSeconds);
    }

    private void requireSupported(Transport transport) {
        if (!supports(transport)) {
            throw new IllegalArgumentException(name() + " is not defined for " + transport
                    + "; use MODE_3S, MODE_10S, MODE_30S, MODE_60S or MODE_120S");
        }
    }
}
