package io.imstarter.autoconfigure;

import io.imstarter.autoconfigure.ImProperties.Client;
import io.imstarter.client.ImClientConfig;
import io.imstarter.protocol.Transport;
import io.imstarter.qos.QosSettings;
import io.imstarter.server.C2cAckMode;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import java.time.Duration;
import org.springframework.boot.context.properties.PropertyMapper;

/**
 * Maps {@code im.client.*} onto the {@link ImClientConfig} every embedded client starts from. Without
 * {@code im.client.host} and {@code im.client.port} the clients target the embedded server: its port is resolved
 * when a client connects, so that an ephemeral port (0) works, and the settings are checked against the server's.
 */
final class ImClientConfigFactory {

    private final ClientSslContexts sslContexts;

    ImClientConfigFactory(ClientSslContexts sslContexts) {
        this.sslContexts = sslContexts;
    }

    ImClientConfig create(Client properties, ImServer server) {
        ImClientConfig config = new ImClientConfig();
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::getHost).to(config::host);
        map.from(properties::getTransport).to(config::transport);
        map.from(properties::getWebsocketPath).to(config::websocketPath);
        map.from(properties::getSenseMode).to(config::senseMode);
        map.from(properties::getKeepAliveInterval).to(config::keepAliveInterval);
        map.from(properties::getLinkTimeout).to(config::linkTimeout);
        map.from(properties::getConnectTimeout).to(config::connectTimeout);
        map.from(properties::getLoginTimeout).to(config::loginTimeout);
        map.from(properties::getSendWhileDisconnected).to(config::sendWhileDisconnected);
        map.from(properties::getMaxQueuedSends).to(config::maxQueuedSends);
        map.from(properties::getDedupWindow).to(config::dedupWindow);
        map.from(properties::getDedupMaxEntries).to(config::dedupMaxEntries);
        map.from(properties::getMaxFrameLength).as(size -> InvalidIm.bytes("im.client.max-frame-length", size))
                .to(config::maxFrameLength);
        map.from(properties.getRelogin()::getInitialDelay).to(config::reloginInitialDelay);
        map.from(properties.getRelogin()::getMaxInterval).to(config::reloginMaxInterval);
        map.from(properties.getRelogin()::getJitter).to(config::reloginJitter);
        config.sslContext(sslContexts.create(properties.getSsl()));
        config.qos(QosSettingsMapper.map("im.client.qos", properties.getQos(), QosSettings.CLIENT_DEFAULTS));
        Transport transport = config.transport();
        boolean embedded = properties.getHost() == null && properties.getPort() == null && server != null
                && server.config().gateway(transport).enabled();
        if (properties.getPort() != null) {
            config.port(properties.getPort());
        }
        else if (embedded) {
            config.port(() -> server.port(transport));
        }
        else {
            config.port(new ImServerConfig().gateway(transport).port());
        }
        config.validate();
        if (embedded) {
            checkAgainst(server.config(), config);
        }
        return config;
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
        Duration earliestLost = QosSettingsMapper.earliestLostReport(client.qos());
        if (server.c2cAckMode() == C2cAckMode.RECEIVER
                && earliestLost.compareTo(server.receiverAckTimeout()) <= 0) {
            throw InvalidIm.property("im.client.qos", earliestLost,
                    "the earliest lost report (min-age + max-retries x check-interval) must come after the"
                            + " embedded server's im.server.qos.receiver-ack-timeout " + server.receiverAckTimeout()
                            + ", or messages the server still delivers are reported lost");
        }
    }
}
