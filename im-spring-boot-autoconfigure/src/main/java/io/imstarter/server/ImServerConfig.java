package io.imstarter.server;

import io.imstarter.protocol.Transport;
import io.imstarter.qos.QosSettings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Everything an {@link ImServer} needs to know; plain Java, filled from {@code im.server.*} by the Spring layer. */
public final class ImServerConfig {

    private final Map<Transport, GatewayConfig> gateways = new EnumMap<>(Transport.class);
    private String bindAddress;
    private int packetsPerSecond = 100;
    private int packetBurst = 200;
    private int maxErrorsPerSecond = 10;
    private int maxQueuedPacketsPerConnection = 1000;
    private boolean echoEnabled = true;
    private boolean stampServerTime;
    private Duration loginVerifyTimeout = Duration.ofSeconds(5);
    private Duration offlineTimeout = Duration.ofSeconds(5);
    private QosSettings qos = QosSettings.SERVER_DEFAULTS;
    private Duration dedupWindow = Duration.ofMinutes(10);
    private int dedupMaxEntries = 100_000;
    private C2cAckMode c2cAckMode = C2cAckMode.RECEIVER;
    private Duration receiverAckTimeout = Duration.ofSeconds(10);
    private Duration shutdownGracePeriod = Duration.ofSeconds(5);
    private int dispatchThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int ioThreads;

    public ImServerConfig() {
        for (Transport transport : Transport.values()) {
            gateways.put(transport, new GatewayConfig(transport));
        }
    }

    public GatewayConfig gateway(Transport transport) {
        return gateways.get(transport);
    }

    public GatewayConfig tcp() {
        return gateway(Transport.TCP);
    }

    public GatewayConfig udp() {
        return gateway(Transport.UDP);
    }

    public GatewayConfig websocket() {
        return gateway(Transport.WEBSOCKET);
    }

    /** The address to bind, or null for all interfaces. */
    public String bindAddress() {
        return bindAddress;
    }

    public ImServerConfig bindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
        return this;
    }

    /** Sustained packets a second one connection may send; types 1 and 3 are exempt. */
    public int packetsPerSecond() {
        return packetsPerSecond;
    }

    public ImServerConfig packetsPerSecond(int packetsPerSecond) {
        this.packetsPerSecond = packetsPerSecond;
        return this;
    }

    /** Packets one connection may send in a burst above the sustained rate. */
    public int packetBurst() {
        return packetBurst;
    }

    public ImServerConfig packetBurst(int packetBurst) {
        this.packetBurst = packetBurst;
        return this;
    }

    /** Error packets (type 52) a second one connection may receive; the rest are dropped. */
    public int maxErrorsPerSecond() {
        return maxErrorsPerSecond;
    }

    public ImServerConfig maxErrorsPerSecond(int maxErrorsPerSecond) {
        this.maxErrorsPerSecond = maxErrorsPerSecond;
        return this;
    }

    /** Packets of one connection that may wait for dispatch; more get 52/305. */
    public int maxQueuedPacketsPerConnection() {
        return maxQueuedPacketsPerConnection;
    }

    public ImServerConfig maxQueuedPacketsPerConnection(int max) {
        this.maxQueuedPacketsPerConnection = max;
        return this;
    }

    public boolean echoEnabled() {
        return echoEnabled;
    }

    public ImServerConfig echoEnabled(boolean echoEnabled) {
        this.echoEnabled = echoEnabled;
        return this;
    }

    /** Whether relayed packets get the server clock in {@code sm}. */
    public boolean stampServerTime() {
        return stampServerTime;
    }

    public ImServerConfig stampServerTime(boolean stampServerTime) {
        this.stampServerTime = stampServerTime;
        return this;
    }

    public Duration loginVerifyTimeout() {
        return loginVerifyTimeout;
    }

    public ImServerConfig loginVerifyTimeout(Duration timeout) {
        this.loginVerifyTimeout = timeout;
        return this;
    }

    public Duration offlineTimeout() {
        return offlineTimeout;
    }

    public ImServerConfig offlineTimeout(Duration timeout) {
        this.offlineTimeout = timeout;
        return this;
    }

    public QosSettings qos() {
        return qos;
    }

    public ImServerConfig qos(QosSettings qos) {
        this.qos = qos;
        return this;
    }

    public Duration dedupWindow() {
        return dedupWindow;
    }

    public ImServerConfig dedupWindow(Duration dedupWindow) {
        this.dedupWindow = dedupWindow;
        return this;
    }

    public int dedupMaxEntries() {
        return dedupMaxEntries;
    }

    public ImServerConfig dedupMaxEntries(int dedupMaxEntries) {
        this.dedupMaxEntries = dedupMaxEntries;
        return this;
    }

    public C2cAckMode c2cAckMode() {
        return c2cAckMode;
    }

    public ImServerConfig c2cAckMode(C2cAckMode mode) {
        this.c2cAckMode = mode;
        return this;
    }

    /** In receiver mode, how long after arrival a C2C may wait for the receiver's ACK before the offline hand-off. */
    public Duration receiverAckTimeout() {
        return receiverAckTimeout;
    }

    public ImServerConfig receiverAckTimeout(Duration timeout) {
        this.receiverAckTimeout = timeout;
        return this;
    }

    /** How long {@link ImServer#stop()} lets in-flight QoS settle before closing sessions. */
    public Duration shutdownGracePeriod() {
        return shutdownGracePeriod;
    }

    public ImServerConfig shutdownGracePeriod(Duration grace) {
        this.shutdownGracePeriod = grace;
        return this;
    }

    /** Threads that dispatch packets and call the application, off the event loops. */
    public int dispatchThreads() {
        return dispatchThreads;
    }

    public ImServerConfig dispatchThreads(int threads) {
        this.dispatchThreads = threads;
        return this;
    }

    /** Netty worker threads; 0 lets Netty choose (twice the cores). */
    public int ioThreads() {
        return ioThreads;
    }

    public ImServerConfig ioThreads(int threads) {
        this.ioThreads = threads;
        return this;
    }

    /** Fails with a message naming the setting when a value is impossible. */
    public void validate() {
        gateways.values().forEach(GatewayConfig::validate);
        requirePositive(loginVerifyTimeout, "im.server.login-verify-timeout");
        requirePositive(offlineTimeout, "im.server.offline-timeout");
        requirePositive(dedupWindow, "im.server.qos.dedup-window");
        requirePositive(receiverAckTimeout, "im.server.qos.receiver-ack-timeout");
        if (shutdownGracePeriod == null || shutdownGracePeriod.isNegative()) {
            throw new IllegalArgumentException("im.server.shutdown-grace-period must be zero or positive, got "
                    + shutdownGracePeriod);
        }
        if (receiverAckTimeout.compareTo(Duration.ofSeconds(13)) >= 0) {
            throw new IllegalArgumentException("im.server.qos.receiver-ack-timeout must stay below 13s, the earliest"
                    + " lost report of a stock sender, got " + receiverAckTimeout);
        }
        requireAtLeastOne(packetsPerSecond, "im.server.rate-limit.packets-per-second");
        requireAtLeastOne(packetBurst, "im.server.rate-limit.burst");
        requireAtLeastOne(maxErrorsPerSecond, "im.server.max-error-rate");
        requireAtLeastOne(maxQueuedPacketsPerConnection, "im.server.max-queued-packets-per-connection");
        requireAtLeastOne(dedupMaxEntries, "im.server.qos.dedup-max-entries");
        requireAtLeastOne(dispatchThreads, "im.server.dispatch-threads");
        if (ioThreads < 0) {
            throw new IllegalArgumentException("im.server.io-threads must be 0 (Netty's default) or more, got "
                    + ioThreads);
        }
        if (qos == null) {
            throw new IllegalArgumentException("im.server.qos must be set");
        }
    }

    private static void requirePositive(Duration value, String key) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }

    private static void requireAtLeastOne(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, got " + value);
        }
    }
}
