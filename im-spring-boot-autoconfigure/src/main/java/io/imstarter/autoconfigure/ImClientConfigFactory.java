package io.imstarter.autoconfigure;

import io.imstarter.autoconfigure.ImProperties.Client;
import io.imstarter.client.ImClientConfig;
import io.imstarter.client.ServerAddress;
import io.imstarter.protocol.Transport;
import io.imstarter.server.C2cAckMode;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps {@code im.client.*} onto the {@link ImClientConfig} every embedded client starts from, naming the
 * {@code im.client.*} key of a setting the core rejects. {@code im.client.servers}, when set, replaces host and port.
 * Without it, with the default host and no {@code im.client.port}, the clients target the embedded server: its port
 * is resolved when a client connects, so that an ephemeral port (0) works, and the settings are checked against the
 * server's.
 */
final class ImClientConfigFactory {

    /** The core's setting names whose {@code im.client.*} key is not simply their kebab case. */
    private static final Map<String, String> KEYS = Map.of("reloginInitialDelay", "relogin.initial-delay",
            "reloginMaxInterval", "relogin.max-interval", "reloginJitter", "relogin.jitter", "sslContext", "ssl");

    private final ClientSslContexts sslContexts;

    ImClientConfigFactory(ClientSslContexts sslContexts) {
        this.sslContexts = sslContexts;
    }

    ImClientConfig create(Client properties, ImServer server) {
        ImClientConfig config = new ImClientConfig()
                .host(properties.getHost())
                .transport(properties.getTransport())
                .websocketPath(properties.getWebsocketPath())
                .senseMode(properties.getSenseMode())
                .keepAliveInterval(properties.getKeepAliveInterval())
                .linkTimeout(properties.getLinkTimeout())
                .connectTimeout(properties.getConnectTimeout())
                .loginTimeout(properties.getLoginTimeout())
                .sendWhileDisconnected(properties.getSendWhileDisconnected())
                .maxQueuedSends(properties.getMaxQueuedSends())
                .maxUnhandledMessages(properties.getMaxUnhandledMessages())
                .dedupWindow(properties.getDedupWindow())
                .dedupMaxEntries(properties.getDedupMaxEntries())
                .maxFrameLength(InvalidIm.bytes("im.client.max-frame-length", properties.getMaxFrameLength()))
                .reloginInitialDelay(properties.getRelogin().getInitialDelay())
                .reloginMaxInterval(properties.getRelogin().getMaxInterval())
                .reloginJitter(properties.getRelogin().getJitter())
                .sslContext(sslContexts.create(properties.getSsl()))
                .qos(InvalidIm.translating("im.client.qos.", Map.of(), properties.getQos()::toSettings));
        if (properties.getServers() != null) {
            config.servers(servers(properties.getServers()));
        }
        Transport transport = config.transport();
        boolean embedded = properties.getServers() == null && properties.getPort() == null
                && ImClientConfig.DEFAULT_HOST.equals(properties.getHost()) && server != null
                && server.config().gateway(transport).enabled();
        if (properties.getPort() != null) {
            config.port(properties.getPort());
        }
        else if (embedded) {
            config.port(() -> boundPort(server, transport));
        }
        else {
            config.port(new ImServerConfig().gateway(transport).port());
        }
        InvalidIm.translating("im.client.", KEYS, () -> {
            config.validate();
            return config;
        });
        if (embedded) {
            checkAgainst(server.config(), config);
        }
        return config;
    }

    /** Reads each {@code host:port}, naming the offending entry ({@code im.client.servers[1]}) when one is bad. */
    private static List<ServerAddress> servers(List<String> entries) {
        List<ServerAddress> servers = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            servers.add(InvalidIm.build("im.client.servers[" + i + "]", entry, () -> ServerAddress.parse(entry)));
        }
        return servers;
    }

    /** The embedded clients must keep their sessions alive and not report lost what the server still holds. */
    private static void checkAgainst(ImServerConfig server, ImClientConfig client) {
        Transport transport = client.transport();
        Duration idleTimeout = server.gateway(transport).idleTimeout();
        if (client.keepAliveInterval().compareTo(idleTimeout) >= 0) {
            throw InvalidIm.property("im.client.keep-alive-interval", client.keepAliveInterval(),
                    "must be shorter than the embedded server's idle timeout " + idleTimeout + " (im.server."
                            + transport.key() + ".idle-timeout or sense-mode), or sessions idle out");
        }
        Duration earliestLost = client.qos().earliestLostReport();
        if (server.c2cAckMode() == C2cAckMode.RECEIVER
                && earliestLost.compareTo(server.receiverAckTimeout()) <= 0) {
            throw InvalidIm.property("im.client.qos", earliestLost,
                    "the earliest lost report (min-age + max-retries x check-interval) must come after the"
                            + " embedded server's im.server.qos.receiver-ack-timeout " + server.receiverAckTimeout()
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
