package io.imstarter.server;

import io.imstarter.protocol.InvalidSettingException;
import io.imstarter.protocol.Transport;
import io.imstarter.qos.DedupWindow;
import io.imstarter.qos.QosSettings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything an {@link ImServer} needs to know; plain Java, filled from {@code im.server.*} by the Spring layer. The
 * {@code DEFAULT_*} constants here and in {@link GatewayConfig} are the one place each default is written.
 */
public final class ImServerConfig {

    public static final int DEFAULT_PACKETS_PER_SECOND = 100;
    public static final int DEFAULT_PACKET_BURST = 200;
    public static final int DEFAULT_MAX_ERRORS_PER_SECOND = 10;
    public static final int DEFAULT_MAX_QUEUED_PACKETS_PER_CONNECTION = 1000;
    public static final boolean DEFAULT_ECHO_ENABLED = true;
    public static final boolean DEFAULT_STAMP_SERVER_TIME = false;
    public static final Duration DEFAULT_LOGIN_VERIFY_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_OFFLINE_TIMEOUT = Duration.ofSeconds(5);
    public static final C2cAckMode DEFAULT_C2C_ACK_MODE = C2cAckMode.RECEIVER;
    public static final DuplicateLoginPolicy DEFAULT_DUPLICATE_LOGIN_POLICY = DuplicateLoginPolicy.NEWEST_WINS;
    public static final Duration DEFAULT_RECEIVER_ACK_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(5);
    /** One worker event loop per core. */
    public static final int DEFAULT_IO_THREADS = 0;
    // Deadlines (issue 10): a login, and each frame once started, must complete in time.
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(10);
    // Flood and backpressure limits (issue 10): keep-alive rate, refusals before a close, outbound bytes.
    public static final int DEFAULT_KEEP_ALIVES_PER_SECOND = 10;
    public static final int DEFAULT_CLOSE_AFTER_REFUSED = 1000;
    public static final Duration DEFAULT_REFUSED_WINDOW = Duration.ofSeconds(10);
    public static final int DEFAULT_OUTBOUND_LOW_WATER_MARK = 32 * 1024;
    public static final int DEFAULT_OUTBOUND_HIGH_WATER_MARK = 64 * 1024;
    public static final int DEFAULT_OUTBOUND_MAX_PENDING = 1024 * 1024;
    public static final Duration DEFAULT_SLOW_CONSUMER_TIMEOUT = Duration.ofSeconds(10);
    public static final boolean DEFAULT_NATIVE_TRANSPORT = true;
    // Bounds of the QoS state and the dispatch pool (issue 20).
    public static final int DEFAULT_DEDUP_MAX_MEMORY = 32 * 1024 * 1024;
    public static final int DEFAULT_MAX_QUEUED_TASKS = 10_000;
    // Refused logins (issue 21): answers held back up to the max delay, then closed unanswered past the limits.
    public static final Duration DEFAULT_REFUSED_LOGIN_MAX_DELAY = Duration.ofSeconds(5);
    public static final int DEFAULT_REFUSED_LOGIN_CLOSE_AFTER = 10;
    public static final int DEFAULT_REFUSED_LOGIN_CLOSE_AFTER_PER_ADDRESS = 100;
    public static final Duration DEFAULT_REFUSED_LOGIN_FORGET_AFTER = Duration.ofMinutes(10);
    public static final Duration DEFAULT_REFUSED_LOGIN_LOG_INTERVAL = Duration.ofMinutes(1);

    private final Map<Transport, GatewayConfig> gateways = new EnumMap<>(Transport.class);
    private String bindAddress;
    private int packetsPerSecond = DEFAULT_PACKETS_PER_SECOND;
    private int packetBurst = DEFAULT_PACKET_BURST;
    private int maxErrorsPerSecond = DEFAULT_MAX_ERRORS_PER_SECOND;
    private int maxQueuedPacketsPerConnection = DEFAULT_MAX_QUEUED_PACKETS_PER_CONNECTION;
    private boolean echoEnabled = DEFAULT_ECHO_ENABLED;
    private boolean stampServerTime = DEFAULT_STAMP_SERVER_TIME;
    private Duration loginVerifyTimeout = DEFAULT_LOGIN_VERIFY_TIMEOUT;
    private Duration offlineTimeout = DEFAULT_OFFLINE_TIMEOUT;
    private QosSettings qos = QosSettings.SERVER_DEFAULTS;
    private Duration dedupWindow = DedupWindow.DEFAULT_WINDOW;
    private int dedupMaxEntries = DedupWindow.DEFAULT_MAX_ENTRIES;
    private long dedupMaxMemory = DEFAULT_DEDUP_MAX_MEMORY;
    private int maxQueuedTasks = DEFAULT_MAX_QUEUED_TASKS;
    private C2cAckMode c2cAckMode = DEFAULT_C2C_ACK_MODE;
    private DuplicateLoginPolicy duplicateLoginPolicy = DEFAULT_DUPLICATE_LOGIN_POLICY;
    private Duration receiverAckTimeout = DEFAULT_RECEIVER_ACK_TIMEOUT;
    private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;
    private int dispatchThreads = defaultDispatchThreads();
    private int ioThreads = DEFAULT_IO_THREADS;
    private boolean nativeTransport = DEFAULT_NATIVE_TRANSPORT;
    private Duration loginTimeout = DEFAULT_LOGIN_TIMEOUT;
    private Duration frameTimeout = DEFAULT_FRAME_TIMEOUT;
    private int keepAlivesPerSecond = DEFAULT_KEEP_ALIVES_PER_SECOND;
    private int closeAfterRefused = DEFAULT_CLOSE_AFTER_REFUSED;
    private Duration refusedWindow = DEFAULT_REFUSED_WINDOW;
    private int outboundLowWaterMark = DEFAULT_OUTBOUND_LOW_WATER_MARK;
    private int outboundHighWaterMark = DEFAULT_OUTBOUND_HIGH_WATER_MARK;
    private int outboundMaxPending = DEFAULT_OUTBOUND_MAX_PENDING;
    private Duration slowConsumerTimeout = DEFAULT_SLOW_CONSUMER_TIMEOUT;
    private RefusedLoginSettings refusedLogins = RefusedLoginSettings.DEFAULTS;

    public ImServerConfig() {
        for (Transport transport : Transport.values()) {
            gateways.put(transport, new GatewayConfig(transport));
        }
    }

    /** The default dispatch threads: the number of cores, at least 2. */
    public static int defaultDispatchThreads() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
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

    /** Sustained packets a second one connection may send; types 1 and 3 count against their own limit. */
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

    /**
     * The heap, in bytes, that receiver mode's C2C de-duplication may use to remember acknowledged and stored
     * messages; at a high rate it forgets them before the dedup window ends (see {@code docs/wire-protocol.md}).
     */
    public long dedupMaxMemory() {
        return dedupMaxMemory;
    }

    public ImServerConfig dedupMaxMemory(long bytes) {
        this.dedupMaxMemory = bytes;
        return this;
    }

    /**
     * The most tasks waiting for each of the server's pools. Dispatch: beyond it packets are refused with 305 and
     * listener calls raised on an event loop dropped; decision: a login is refused and an offline hand-off counts
     * as refused (305 to the sender); store: a replay's page read or delivery mark is tried again later.
     */
    public int maxQueuedTasks() {
        return maxQueuedTasks;
    }

    public ImServerConfig maxQueuedTasks(int capacity) {
        this.maxQueuedTasks = capacity;
        return this;
    }

    public C2cAckMode c2cAckMode() {
        return c2cAckMode;
    }

    public ImServerConfig c2cAckMode(C2cAckMode mode) {
        this.c2cAckMode = mode;
        return this;
    }

    /** What a login does when its user already has a session elsewhere (section 6.3). */
    public DuplicateLoginPolicy duplicateLoginPolicy() {
        return duplicateLoginPolicy;
    }

    public ImServerConfig duplicateLoginPolicy(DuplicateLoginPolicy policy) {
        this.duplicateLoginPolicy = policy;
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

    /** Netty worker threads; 0 means one per core. */
    public int ioThreads() {
        return ioThreads;
    }

    public ImServerConfig ioThreads(int threads) {
        this.ioThreads = threads;
        return this;
    }

    /** Whether the event loops use Linux's epoll when its native library loads; false forces Java NIO. */
    public boolean nativeTransport() {
        return nativeTransport;
    }

    public ImServerConfig nativeTransport(boolean enabled) {
        this.nativeTransport = enabled;
        return this;
    }

    /** How long a connection may take from its first byte to a successful login before it is closed. */
    public Duration loginTimeout() {
        return loginTimeout;
    }

    public ImServerConfig loginTimeout(Duration timeout) {
        this.loginTimeout = timeout;
        return this;
    }

    /**
     * How long a started TCP frame, WebSocket message or WebSocket handshake may take to arrive whole before the
     * connection is closed.
     */
    public Duration frameTimeout() {
        return frameTimeout;
    }

    public ImServerConfig frameTimeout(Duration timeout) {
        this.frameTimeout = timeout;
        return this;
    }

    /** Keep-alives and logouts (types 1 and 3) a second one connection may send, in bursts of up to twice that. */
    public int keepAlivesPerSecond() {
        return keepAlivesPerSecond;
    }

    public ImServerConfig keepAlivesPerSecond(int keepAlivesPerSecond) {
        this.keepAlivesPerSecond = keepAlivesPerSecond;
        return this;
    }

    /** Packets refused with 52/305 within {@link #refusedWindow()} after which a connection is closed as flooding. */
    public int closeAfterRefused() {
        return closeAfterRefused;
    }

    public ImServerConfig closeAfterRefused(int refused) {
        this.closeAfterRefused = refused;
        return this;
    }

    /** The time over which {@link #closeAfterRefused()} refusals close a connection. */
    public Duration refusedWindow() {
        return refusedWindow;
    }

    public ImServerConfig refusedWindow(Duration window) {
        this.refusedWindow = window;
        return this;
    }

    /** Unsent bytes of a connection at or below which it is read from again. */
    public int outboundLowWaterMark() {
        return outboundLowWaterMark;
    }

    public ImServerConfig outboundLowWaterMark(int bytes) {
        this.outboundLowWaterMark = bytes;
        return this;
    }

    /** Unsent bytes of a connection above which it is no longer read from (TCP and WebSocket). */
    public int outboundHighWaterMark() {
        return outboundHighWaterMark;
    }

    public ImServerConfig outboundHighWaterMark(int bytes) {
        this.outboundHighWaterMark = bytes;
        return this;
    }

    /** Unsent bytes of a connection (or UDP peer) above which further writes to it fail at once. */
    public int outboundMaxPending() {
        return outboundMaxPending;
    }

    public ImServerConfig outboundMaxPending(int bytes) {
        this.outboundMaxPending = bytes;
        return this;
    }

    /** How long a TCP or WebSocket connection may stay above the high-water mark before it is closed. */
    public Duration slowConsumerTimeout() {
        return slowConsumerTimeout;
    }

    public ImServerConfig slowConsumerTimeout(Duration timeout) {
        this.slowConsumerTimeout = timeout;
        return this;
    }

    /** How refused logins are slowed down and then shut out, per user id and per address. */
    public RefusedLoginSettings refusedLogins() {
        return refusedLogins;
    }

    public ImServerConfig refusedLogins(RefusedLoginSettings refusedLogins) {
        this.refusedLogins = refusedLogins;
        return this;
    }

    /** @throws InvalidSettingException naming the setting (e.g. {@code tcp.idleTimeout}) when a value is impossible */
    public void validate() {
        gateways.values().forEach(GatewayConfig::validate);
        InvalidSettingException.requirePositive("loginVerifyTimeout", loginVerifyTimeout);
        InvalidSettingException.requirePositive("offlineTimeout", offlineTimeout);
        InvalidSettingException.requirePositive("dedupWindow", dedupWindow);
        InvalidSettingException.requirePositive("receiverAckTimeout", receiverAckTimeout);
        InvalidSettingException.requirePositive("loginTimeout", loginTimeout);
        InvalidSettingException.requirePositive("frameTimeout", frameTimeout);
        if (shutdownGracePeriod == null || shutdownGracePeriod.isNegative()) {
            throw new InvalidSettingException("shutdownGracePeriod", shutdownGracePeriod, "must be zero or positive");
        }
        Duration stockClientLost = QosSettings.CLIENT_DEFAULTS.earliestLostReport();
        if (receiverAckTimeout.compareTo(stockClientLost) >= 0) {
            throw new InvalidSettingException("receiverAckTimeout", receiverAckTimeout,
                    "must stay below " + stockClientLost + ", the earliest lost report of a stock client");
        }
        InvalidSettingException.requireAtLeast("packetsPerSecond", 1, packetsPerSecond);
        InvalidSettingException.requireAtLeast("packetBurst", 1, packetBurst);
        InvalidSettingException.requireAtLeast("maxErrorsPerSecond", 1, maxErrorsPerSecond);
        InvalidSettingException.requireAtLeast("maxQueuedPacketsPerConnection", 1, maxQueuedPacketsPerConnection);
        InvalidSettingException.requireAtLeast("dedupMaxEntries", 1, dedupMaxEntries);
        InvalidSettingException.requireAtLeast("dispatchThreads", 1, dispatchThreads);
        InvalidSettingException.requireAtLeast("maxQueuedTasks", 1, maxQueuedTasks);
        if (dedupMaxMemory < 1024) {
            throw new InvalidSettingException("dedupMaxMemory", dedupMaxMemory, "must be at least 1024 bytes");
        }
        InvalidSettingException.requireAtLeast("ioThreads", 0, ioThreads);
        validateFloodLimits();
        refusedLogins.validate();
        if (qos == null) {
            throw new InvalidSettingException("qos", null, "must be set");
        }
        if (c2cAckMode == null) {
            throw new InvalidSettingException("c2cAckMode", null, "must be set");
        }
        if (duplicateLoginPolicy == null) {
            throw new InvalidSettingException("duplicateLoginPolicy", null, "must be set");
        }
    }

    private void validateFloodLimits() {
        InvalidSettingException.requireAtLeast("keepAlivesPerSecond", 1, keepAlivesPerSecond);
        InvalidSettingException.requireAtLeast("closeAfterRefused", 1, closeAfterRefused);
        InvalidSettingException.requirePositive("refusedWindow", refusedWindow);
        InvalidSettingException.requirePositive("slowConsumerTimeout", slowConsumerTimeout);
        InvalidSettingException.requireAtLeast("outboundLowWaterMark", 1, outboundLowWaterMark);
        InvalidSettingException.requireAtLeast("outboundHighWaterMark", outboundLowWaterMark, outboundHighWaterMark);
        InvalidSettingException.requireAtLeast("outboundMaxPending", outboundHighWaterMark, outboundMaxPending);
    }
}
