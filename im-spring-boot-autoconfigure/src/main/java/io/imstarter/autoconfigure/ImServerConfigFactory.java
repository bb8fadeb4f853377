package io.imstarter.autoconfigure;

import io.imstarter.autoconfigure.ImProperties.Server;
import io.imstarter.autoconfigure.ImProperties.Server.Gateway;
import io.imstarter.protocol.SenseMode;
import io.imstarter.protocol.Transport;
import io.imstarter.qos.QosSettings;
import io.imstarter.server.GatewayConfig;
import io.imstarter.server.ImServerConfig;
import java.util.List;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.unit.DataSize;

/**
 * Maps {@code im.server.*} onto an {@link ImServerConfig} and applies the {@link ImServerCustomizer}s. Unset
 * properties keep the config's defaults; {@link ImServerConfig#validate()} runs when the server is built.
 */
final class ImServerConfigFactory {

    private final GatewaySslContexts sslContexts;

    ImServerConfigFactory(GatewaySslContexts sslContexts) {
        this.sslContexts = sslContexts;
    }

    ImServerConfig create(Server properties, List<ImServerCustomizer> customizers) {
        ImServerConfig config = new ImServerConfig();
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::getAddress).to(config::bindAddress);
        map.from(properties::getEchoEnabled).to(config::echoEnabled);
        map.from(properties::getStampServerTime).to(config::stampServerTime);
        map.from(properties::getMaxErrorRate).to(config::maxErrorsPerSecond);
        map.from(properties::getMaxQueuedPacketsPerConnection).to(config::maxQueuedPacketsPerConnection);
        map.from(properties::getLoginVerifyTimeout).to(config::loginVerifyTimeout);
        map.from(properties::getOfflineTimeout).to(config::offlineTimeout);
        map.from(properties::getShutdownGracePeriod).to(config::shutdownGracePeriod);
        map.from(properties::getDispatchThreads).to(config::dispatchThreads);
        map.from(properties::getIoThreads).to(config::ioThreads);
        map.from(properties.getRateLimit()::getPacketsPerSecond).to(config::packetsPerSecond);
        map.from(properties.getRateLimit()::getBurst).to(config::packetBurst);
        mapQos(properties.getQos(), config);
        mapTcp(properties.getTcp(), config.tcp());
        mapUdp(properties.getUdp(), config.udp());
        mapWebSocket(properties.getWebsocket(), config.websocket());
        customizers.forEach(customizer -> customizer.customize(config));
        return config;
    }

    private static void mapQos(Server.ServerQos qos, ImServerConfig config) {
        config.qos(QosSettingsMapper.map("im.server.qos", qos, QosSettings.SERVER_DEFAULTS));
        PropertyMapper map = PropertyMapper.get();
        map.from(qos::getDedupWindow).to(config::dedupWindow);
        map.from(qos::getDedupMaxEntries).to(config::dedupMaxEntries);
        map.from(qos::getC2cAckMode).to(config::c2cAckMode);
        map.from(qos::getReceiverAckTimeout).to(config::receiverAckTimeout);
    }

    private void mapTcp(Server.Tcp tcp, GatewayConfig gateway) {
        mapStream(tcp, gateway, "max-frame-length", tcp.getMaxFrameLength());
    }

    private static void mapUdp(Server.Udp udp, GatewayConfig gateway) {
        String prefix = mapCommon(udp, gateway);
        PropertyMapper map = PropertyMapper.get();
        map.from(udp::getMaxDatagramSize).as(size -> InvalidIm.bytes(prefix + "max-datagram-size", size))
                .to(gateway::maxInboundSize);
        map.from(udp::getMaxOutboundDatagramSize)
                .as(size -> InvalidIm.bytes(prefix + "max-outbound-datagram-size", size))
                .to(gateway::maxOutboundSize);
    }

    private void mapWebSocket(Server.WebSocket websocket, GatewayConfig gateway) {
        mapStream(websocket, gateway, "max-frame-size", websocket.getMaxFrameSize());
        PropertyMapper.get().from(websocket::getPath).to(gateway::path);
    }

    /** TCP and WebSocket: one size limit for both directions, backlog and TLS. */
    private void mapStream(Server.StreamGateway properties, GatewayConfig gateway, String sizeKey, DataSize size) {
        String prefix = mapCommon(properties, gateway);
        PropertyMapper map = PropertyMapper.get();
        map.from(size).as(value -> InvalidIm.bytes(prefix + sizeKey, value))
                .to(bytes -> gateway.maxInboundSize(bytes).maxOutboundSize(bytes));
        map.from(properties::getBacklog).to(gateway::backlog);
        gateway.sslContext(sslContexts.create(prefix + "ssl.", properties.getSsl()));
    }

    /** Maps what every gateway has; an explicit idle-timeout beats the sense mode's. @return the key prefix */
    private static String mapCommon(Gateway properties, GatewayConfig gateway) {
        Transport transport = gateway.transport();
        String prefix = "im.server." + transport.key() + ".";
        gateway.enabled(properties.isEnabled());
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::getPort).to(gateway::port);
        SenseMode senseMode = properties.getSenseMode();
        if (senseMode != null) {
            gateway.idleTimeout(InvalidIm.build(prefix + "sense-mode", senseMode,
                    () -> senseMode.serverIdleTimeout(transport)));
        }
        map.from(properties::getIdleTimeout).to(gateway::idleTimeout);
        return prefix;
    }
}
