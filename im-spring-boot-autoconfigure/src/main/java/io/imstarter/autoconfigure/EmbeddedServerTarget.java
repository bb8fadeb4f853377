package io.imstarter.autoconfigure;

import io.imstarter.client.ImClientConfig;
import io.imstarter.protocol.Transport;
import io.imstarter.server.C2cAckMode;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import java.time.Duration;

/**
 * Points the embedded clients at the embedded server when {@code im.client.*} names no other: no servers, no port
 * and the default host. The port is resolved when a client connects, so that an ephemeral port (0) works, and the
 * client settings are checked against the server's.
 */
final class EmbeddedServerTarget {

    private EmbeddedServerTarget() {
    }

    /** Whether the clients of {@code config} connect to {@code server}, which may be null. */
    static boolean applies(ImClientConfig config, ImServer server) {
        return config.getServers() == null && config.getPort() == null
                && new ImClientConfig().getHost().equals(config.getHost()) && server != null
                && server.config().gateway(config.getTransport()).isEnabled();
    }

    static void target(ImClientConfig config, ImServer server) {
        Transport transport = config.getTransport();
        config.portResolver(() -> boundPort(server, transport));
    }

    /** The embedded clients must keep their sessions alive and not report lost what the server still holds. */
    static void checkAgainst(ImServerConfig server, ImClientConfig client) {
        Transport transport = client.getTransport();
        Duration idleTimeout = server.gateway(transport).effectiveIdleTimeout();
        if (client.effectiveKeepAliveInterval().compareTo(idleTimeout) >= 0) {
            throw InvalidIm.property("im.client.keep-alive-interval", client.effectiveKeepAliveInterval(),
                    "must be shorter than the embedded server's idle timeout " + idleTimeout + " (im.server."
                            + transport.key() + ".idle-timeout or sense-mode), or sessions idle out");
        }
        Duration earliestLost = client.getQos().earliestLostReport();
        Duration receiverAckTimeout = server.getQos().getReceiverAckTimeout();
        if (server.getQos().getC2cAckMode() == C2cAckMode.RECEIVER && earliestLost.compareTo(receiverAckTimeout) <= 0) {
            throw InvalidIm.property("im.client.qos", earliestLost,
                    "the earliest lost report (min-age + max-retries x check-interval) must come after the"
                            + " embedded server's im.server.qos.receiver-ack-timeout " + receiverAckTimeout
                            + ", or messages the server still delivers are reported lost");
        }
    }

    /** The embedded server's port; a login before the server listens fails with this message, not a bad port. */
    private static int boundPort(ImServer server, Transport transport) {
        int port = server.port(transport);
        if (port < 1) {
            throw new IllegalStateException("the embedded IM server's " + transport + " gateway is not listening yet"
                    + " (it starts once the application has started)");
        }
        return port;
    }
}
