package io.imstarter.autoconfigure;

import io.imstarter.autoconfigure.ImProperties.Server;
import io.imstarter.autoconfigure.ImProperties.Server.Gateway;
import io.imstarter.protocol.SenseMode;
import io.imstarter.protocol.Transport;
import io.imstarter.server.GatewayConfig;
import io.imstarter.server.ImServerConfig;
import java.util.List;
import java.util.Map;
import org.springframework.util.unit.DataSize;

/**
 * Maps {@code im.server.*} onto an {@link ImServerConfig}, applies the {@link ImServerCustomizer}s and validates the
 * result, naming the {@code im.server.*} key of a setting the core rejects.
 */
final class ImServerConfigFactory {

    /** The core's setting names whose {@code im.server.*} key is not simply their kebab case. */
    static final Map<String, String> KEYS = Map.ofEntries(Map.entry("bindAddress", "address"),
            Map.entry("packetsPerSecond", "rate-limit.packets-per-second"),
            Map.entry("packetBurst", "rate-limit.burst"), Map.entry("maxErrorsPerSecond", "max-error-rate"),
            Map.entry("dedupWindow", "qos.dedup-window"), Map.entry("dedupMaxEntries", "qos.dedup-max-entries"),
            Map.entry("dedupMaxMemory", "qos.dedup-max-memory"),
            Map.entry("c2cAckMode", "qos.c2c-ack-mode"), Map.entry("duplicateLoginPolicy", "session.duplicate-login"), Map.entry("receiverAckTimeout", "qos.receiver-ack-timeout"),
            Map.entry("tcp.maxInboundSize", "tcp.max-frame-length"),
            Map.entry("tcp.maxOutboundSize", "tcp.max-frame-length"),
            Map.entry("udp.maxInboundSize", "udp.max-datagram-size"),
            Map.entry("udp.maxOutboundSize", "udp.max-outbound-datagram-size"),
            Map.entry("websocket.maxInboundSize", "websocket.max-frame-size"),
            Map.entry("websocket.maxOutboundSize", "websocket.max-frame-size"),
            Map.entry("udp.maxConnections", "udp.max-peers"),
            Map.entry("keepAlivesPerSecond", "rate-limit.keep-alives-per-second"),
            Map.entry("closeAfterRefused", "rate-limit.close-after-refused"),
            Map.entry("refusedWindow", "rate-limit.refused-window"),
            Map.entry("outboundLowWaterMark", "outbound.low-water-mark"),
            Map.entry("outboundHighWaterMark", "outbound.high-water-mark"),
            Map.entry("outboundMaxPending", "outbound.max-pending"),
            Map.entry("slowConsumerTimeout", "outbound.slow-consumer-timeout"));

    private final GatewaySslContexts sslContexts;

    ImServerConfigFactory(GatewaySslContexts sslContexts) {
        this.sslContexts = sslContexts;
    }

    ImServerConfig create(Server properties, List<ImServerCustomizer> customizers) {
        ImServerConfig config = new ImServerConfig()
                .bindAddress(properties.getAddress())
                .echoEnabled(properties.isEchoEnabled())
                .stampServerTime(properties.isStampServerTime())
                .maxErrorsPerSecond(properties.getMaxErrorRate())
                .maxQueuedPacketsPerConnection(properties.getMaxQueuedPacketsPerConnection())
                .loginVerifyTimeout(properties.getLoginVerifyTimeout())
                .offlineTimeout(properties.getOfflineTimeout())
                .shutdownGracePeriod(properties.getShutdownGracePeriod())
                .ioThreads(properties.getIoThreads())
                .nativeTransport(properties.isNativeTransport())
                .packetsPerSecond(properties.getRateLimit().getPacketsPerSecond())
                .packetBurst(properties.getRateLimit().getBurst())
                .qos(InvalidIm.translating("im.server.qos.", Map.of(), properties.getQos()::toSettings))
                .dedupWindow(properties.getQos().getDedupWindow())
                .dedupMaxEntries(properties.getQos().getDedupMaxEntries())
                .dedupMaxMemory(bytes("qos.dedup-max-memory", properties.getQos().getDedupMaxMemory()))
                .maxQueuedTasks(properties.getMaxQueuedTasks())
                .c2cAckMode(properties.getQos().getC2cAckMode())
                .duplicateLoginPolicy(properties.getSession().getDuplicateLogin())
                .receiverAckTimeout(properties.getQos().getReceiverAckTimeout())
                .loginTimeout(properties.getLoginTimeout())
                .frameTimeout(properties.getFrameTimeout())
                .refusedLogins(properties.getRefusedLogins().toSettings());
        floodLimits(properties, config);
        if (properties.getDispatchThreads() != null) {
            config.dispatchThreads(properties.getDispatchThreads());
        }
        Server.Tcp tcp = properties.getTcp();
        stream(tcp, config.tcp(), bytes("tcp.max-frame-length", tcp.getMaxFrameLength()))
                .maxDiscardBytes(bytes("tcp.max-discard-bytes", tcp.getMaxDiscardBytes()));
        Server.Udp udp = properties.getUdp();
        gateway(udp, config.udp()).maxInboundSize(bytes("udp.max-datagram-size", udp.getMaxDatagramSize()))
                .maxOutboundSize(bytes("udp.max-outbound-datagram-size", udp.getMaxOutboundDatagramSize()))
                .maxConnections(udp.getMaxPeers());
        Server.WebSocket websocket = properties.getWebsocket();
        stream(websocket, config.websocket(), bytes("websocket.max-frame-size", websocket.getMaxFrameSize()))
                .path(websocket.getPath());
        customizers.forEach(customizer -> customizer.customize(config));
        return InvalidIm.translating("im.server.", KEYS, () -> {
            config.validate();
            return config;
        });
    }

    /** Rate limits past which a connection is closed, and the outbound backpressure limits. */
    private static void floodLimits(Server properties, ImServerConfig config) {
        Server.RateLimit rateLimit = properties.getRateLimit();
        Server.Outbound outbound = properties.getOutbound();
        config.keepAlivesPerSecond(rateLimit.getKeepAlivesPerSecond())
                .closeAfterRefused(rateLimit.getCloseAfterRefused())
                .refusedWindow(rateLimit.getRefusedWindow())
                .outboundLowWaterMark(bytes("outbound.low-water-mark", outbound.getLowWaterMark()))
                .outboundHighWaterMark(bytes("outbound.high-water-mark", outbound.getHighWaterMark()))
                .outboundMaxPending(bytes("outbound.max-pending", outbound.getMaxPending()))
                .slowConsumerTimeout(outbound.getSlowConsumerTimeout());
    }

    /** TCP and WebSocket: one size limit for both directions, backlog and TLS. */
    private GatewayConfig stream(Server.StreamGateway properties, GatewayConfig gateway, int maxSize) {
        String sslPrefix = "im.server." + gateway.transport().key() + ".ssl.";
        return gateway(properties, gateway).maxInboundSize(maxSize).maxOutboundSize(maxSize)
                .backlog(properties.getBacklog()).maxConnections(properties.getMaxConnections())
                .sslContext(sslContexts.create(sslPrefix, properties.getSsl()));
    }

    /** What every gateway has; an explicit idle-timeout beats the sense mode's. */
    private static GatewayConfig gateway(Gateway properties, GatewayConfig gateway) {
        Transport transport = gateway.transport();
        SenseMode senseMode = properties.getSenseMode();
        return gateway.enabled(properties.isEnabled()).port(properties.getPort())
                .maxConnectionsPerAddress(properties.getMaxConnectionsPerAddress()).idleTimeout(
                properties.getIdleTimeout() != null ? properties.getIdleTimeout()
                        : InvalidIm.build("im.server." + transport.key() + ".sense-mode", senseMode,
                                () -> senseMode.serverIdleTimeout(transport)));
    }

    private static int bytes(String key, DataSize size) {
        return InvalidIm.bytes("im.server." + key, size);
    }
}
