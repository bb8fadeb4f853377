package io.imstarter.server;

import io.imstarter.protocol.DataSize;
import io.imstarter.protocol.InvalidSettingException;
import io.imstarter.protocol.SenseMode;
import io.imstarter.protocol.Transport;
import io.imstarter.qos.QosSettings;
import java.time.Duration;
import java.util.List;

/**
 * Everything an {@link ImServer} needs to know, bound from {@code im.server.*} by the Spring edge or set in plain
 * Java. Each field's initializer is its default and its javadoc the property's description; the setters return the
 * object they set, so that settings chain.
 */
public class ImServerConfig {

    /** Address to bind the gateways to; all interfaces when unset. */
    private String address;

    /** Whether to answer type 5 echo packets. */
    private boolean echoEnabled = true;

    /** Whether to stamp relayed packets with the server clock in "sm". */
    private boolean stampServerTime;

    /** Error packets (type 52) one connection may receive per second; the rest are dropped. */
    private int maxErrorRate = 10;

    /** Packets of one connection that may wait for dispatch before 52/305. */
    private int maxQueuedPacketsPerConnection = 1000;

    /** Longest time the login verifier may take before the login is refused with code 2. */
    private Duration loginVerifyTimeout = Duration.ofSeconds(5);

    /** Longest time the offline handler may take before the message counts as refused. */
    private Duration offlineTimeout = Duration.ofSeconds(5);

    /** Time on shutdown for in-flight QoS messages to settle before sessions are closed. */
    private Duration shutdownGracePeriod = Duration.ofSeconds(5);

    /** Threads that dispatch packets and call the application; the number of cores, at least 2, when unset. */
    private Integer dispatchThreads;

    /**
     * Tasks that may wait for each of the server's pools (dispatch, login and offline decisions, message store);
     * beyond it a packet is refused with 52/305, a listener call dropped and counted, a login or hand-off refused,
     * a replay's page read or delivery mark tried again later.
     */
    private int maxQueuedTasks = 10_000;

    /** Netty worker threads; 0 means one per core. */
    private int ioThreads;

    /** Whether the event loops use Linux's epoll when its native library loads; false forces Java NIO. */
    private boolean nativeTransport = true;

    /** Time from connecting to a successful login; a connection that takes longer is closed. */
    private Duration loginTimeout = Duration.ofSeconds(10);

    /** Time a started TCP frame, WebSocket message or WebSocket handshake may take to arrive whole. */
    private Duration frameTimeout = Duration.ofSeconds(10);

    private final Tcp tcp = new Tcp();

    private final Udp udp = new Udp();

    private final WebSocket websocket = new WebSocket();

    private final RateLimit rateLimit = new RateLimit();

    private final RefusedLogins refusedLogins = new RefusedLogins();

    private final Qos qos = new Qos();

    private final Session session = new Session();

    private final Outbound outbound = new Outbound();

    public String getAddress() {
        return address;
    }

    public ImServerConfig setAddress(String address) {
        this.address = address;
        return this;
    }

    public boolean isEchoEnabled() {
        return echoEnabled;
    }

    public ImServerConfig setEchoEnabled(boolean echoEnabled) {
        this.echoEnabled = echoEnabled;
        return this;
    }

    public boolean isStampServerTime() {
        return stampServerTime;
    }

    public ImServerConfig setStampServerTime(boolean stampServerTime) {
        this.stampServerTime = stampServerTime;
        return this;
    }

    public int getMaxErrorRate() {
        return maxErrorRate;
    }

    public ImServerConfig setMaxErrorRate(int maxErrorRate) {
        this.maxErrorRate = maxErrorRate;
        return this;
    }

    public int getMaxQueuedPacketsPerConnection() {
        return maxQueuedPacketsPerConnection;
    }

    public ImServerConfig setMaxQueuedPacketsPerConnection(int maxQueuedPacketsPerConnection) {
        this.maxQueuedPacketsPerConnection = maxQueuedPacketsPerConnection;
        return this;
    }

    public Duration getLoginVerifyTimeout() {
        return loginVerifyTimeout;
    }

    public ImServerConfig setLoginVerifyTimeout(Duration loginVerifyTimeout) {
        this.loginVerifyTimeout = loginVerifyTimeout;
        return this;
    }

    public Duration getOfflineTimeout() {
        return offlineTimeout;
    }

    public ImServerConfig setOfflineTimeout(Duration offlineTimeout) {
        this.offlineTimeout = offlineTimeout;
        return this;
    }

    public Duration getShutdownGracePeriod() {
        return shutdownGracePeriod;
    }

    public ImServerConfig setShutdownGracePeriod(Duration shutdownGracePeriod) {
        this.shutdownGracePeriod = shutdownGracePeriod;
        return this;
    }

    public Integer getDispatchThreads() {
        return dispatchThreads;
    }

    public ImServerConfig setDispatchThreads(Integer dispatchThreads) {
        this.dispatchThreads = dispatchThreads;
        return this;
    }

    /** The dispatch threads to start: the setting, else the number of cores, at least 2. */
    public int dispatchThreadCount() {
        return dispatchThreads != null ? dispatchThreads : Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    public int getMaxQueuedTasks() {
        return maxQueuedTasks;
    }

    public ImServerConfig setMaxQueuedTasks(int maxQueuedTasks) {
        this.maxQueuedTasks = maxQueuedTasks;
        return this;
    }

    public int getIoThreads() {
        return ioThreads;
    }

    public ImServerConfig setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
        return this;
    }

    public boolean isNativeTransport() {
        return nativeTransport;
    }

    public ImServerConfig setNativeTransport(boolean nativeTransport) {
        this.nativeTransport = nativeTransport;
        return this;
    }

    public Duration getLoginTimeout() {
        return loginTimeout;
    }

    public ImServerConfig setLoginTimeout(Duration loginTimeout) {
        this.loginTimeout = loginTimeout;
        return this;
    }

    public Duration getFrameTimeout() {
        return frameTimeout;
    }

    public ImServerConfig setFrameTimeout(Duration frameTimeout) {
        this.frameTimeout = frameTimeout;
        return this;
    }

    public Tcp getTcp() {
        return tcp;
    }

    public Udp getUdp() {
        return udp;
    }

    public WebSocket getWebsocket() {
        return websocket;
    }

    /** The gateway of a transport. */
    public Gateway gateway(Transport transport) {
        return switch (transport) {
            case TCP -> tcp;
            case UDP -> udp;
            case WEBSOCKET -> websocket;
        };
    }

    /** The three gateways, in the order of {@link Transport}. */
    public List<Gateway> gateways() {
        return List.of(tcp, udp, websocket);
    }

    public RateLimit getRateLimit() {
        return rateLimit;
    }

    public RefusedLogins getRefusedLogins() {
        return refusedLogins;
    }

    public Qos getQos() {
        return qos;
    }

    public Session getSession() {
        return session;
    }

    public Outbound getOutbound() {
        return outbound;
    }

    /**
     * @throws InvalidSettingException naming the setting by its path below {@code im.server} (e.g.
     *     {@code tcp.idle-timeout}) when a value is impossible
     */
    public void validate() {
        gateways().forEach(Gateway::validate);
        InvalidSettingException.requirePositive("login-verify-timeout", loginVerifyTimeout);
        InvalidSettingException.requirePositive("offline-timeout", offlineTimeout);
        InvalidSettingException.requirePositive("login-timeout", loginTimeout);
        InvalidSettingException.requirePositive("frame-timeout", frameTimeout);
        if (shutdownGracePeriod == null || shutdownGracePeriod.isNegative()) {
            throw new InvalidSettingException("shutdown-grace-period", shutdownGracePeriod,
                    "must be zero or positive");
        }
        InvalidSettingException.requireAtLeast("max-error-rate", 1, maxErrorRate);
        InvalidSettingException.requireAtLeast("max-queued-packets-per-connection", 1, maxQueuedPacketsPerConnection);
        InvalidSettingException.requireAtLeast("dispatch-threads", 1, dispatchThreadCount());
        InvalidSettingException.requireAtLeast("max-queued-tasks", 1, maxQueuedTasks);
        InvalidSettingException.requireAtLeast("io-threads", 0, ioThreads);
        rateLimit.validate();
        refusedLogins.validate();
        outbound.validate();
        qos.validate("qos.");
        InvalidSettingException.requireSet("session.duplicate-login", session.duplicateLogin);
    }

    /** The settings every gateway has; the transport-specific limits live in the subclasses. */
    public abstract static class Gateway {

        /** Whether to bind this gateway. */
        private boolean enabled = true;

        /** Time without inbound traffic after which a connection is closed; overrides sense-mode. */
        private Duration idleTimeout;

        /** Most connections (UDP: peers) from one remote IP address; more are refused with 52/305. */
        private int maxConnectionsPerAddress = 1000;

        public abstract Transport transport();

        public boolean isEnabled() {
            return enabled;
        }

        public Gateway setEnabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Port to bind; 0 binds an ephemeral port, published as local.im.server.&lt;transport&gt;.port. */
        public abstract int getPort();

        public abstract Gateway setPort(int port);

        /** Heartbeat sense mode the clients use; selects the idle timeout unless idle-timeout is set. */
        public abstract SenseMode getSenseMode();

        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        public Gateway setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** How long a connection may stay silent: idle-timeout when set, else the sense mode's server timeout. */
        public Duration effectiveIdleTimeout() {
            return idleTimeout != null ? idleTimeout : getSenseMode().serverIdleTimeout(transport());
        }

        public int getMaxConnectionsPerAddress() {
            return maxConnectionsPerAddress;
        }

        public Gateway setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
            this.maxConnectionsPerAddress = maxConnectionsPerAddress;
            return this;
        }

        /** The largest TCP body, UDP datagram or WebSocket message accepted, in bytes. */
        public abstract int maxInboundBytes();

        /** The largest packet the server writes on this transport, in bytes. */
        public abstract int maxOutboundBytes();

        /**
         * The most connections (UDP: peers in the table) this gateway holds; a newcomer beyond it is refused with
         * 52/305, except on UDP, where the oldest peer that has not logged in makes room for it.
         */
        public abstract int connectionLimit();

        /** @throws InvalidSettingException naming the setting under the transport's key, e.g. {@code tcp.port} */
        void validate() {
            String prefix = transport().key() + ".";
            int port = getPort();
            if (port < 0 || port > 65535) {
                throw new InvalidSettingException(prefix + "port", port, "must be between 0 and 65535");
            }
            SenseMode senseMode = getSenseMode();
            if (idleTimeout == null && (senseMode == null || !senseMode.supports(transport()))) {
                throw new InvalidSettingException(prefix + "sense-mode", senseMode,
                        "must be a sense mode defined for " + transport());
            }
            InvalidSettingException.requirePositive(prefix + "idle-timeout", effectiveIdleTimeout());
            InvalidSettingException.requireAtLeast(prefix + "max-connections-per-address", 1,
                    maxConnectionsPerAddress);
            validateLimits(prefix);
        }

        abstract void validateLimits(String prefix);
    }

    /** What the stream gateways (TCP and WebSocket) have beyond every gateway's settings. */
    public abstract static class StreamGateway extends Gateway {

        /** Accept backlog. */
        private int backlog = 4096;

        private final Ssl ssl = new Ssl();

        public int getBacklog() {
            return backlog;
        }

        public StreamGateway setBacklog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        public Ssl getSsl() {
            return ssl;
        }

        /** Most open connections; a newcomer beyond it is refused with 52/305 and closed. */
        public abstract int getMaxConnections();

        public abstract StreamGateway setMaxConnections(int maxConnections);

        @Override
        public int connectionLimit() {
            return getMaxConnections();
        }

        @Override
        void validateLimits(String prefix) {
            InvalidSettingException.requireAtLeast(prefix + "max-connections", 1, getMaxConnections());
        }
    }

    /**
     * The TCP gateway. Its caps and those of the WebSocket gateway leave 2,000 of a 20,000-descriptor process limit
     * for the JVM, logs, the web server and connection pools; one address may be a NAT or proxy of many users.
     */
    public static class Tcp extends StreamGateway {

        /** Port to bind; 0 binds an ephemeral port, published as local.im.server.tcp.port. */
        private int port = 8901;

        /** Heartbeat sense mode the clients use (the stock Java client's); selects the idle timeout (20s). */
        private SenseMode senseMode = SenseMode.MODE_15S;

        /** Most open connections; a newcomer beyond it is refused with 52/305 and closed. */
        private int maxConnections = 10_000;

        /** Largest frame body accepted and written; larger inbound bodies get 52/303. */
        private DataSize maxFrameLength = DataSize.ofBytes(6144);

        /** Bytes of one oversized frame body discarded before the connection is closed: ten stock-sized frames. */
        private DataSize maxDiscardBytes = DataSize.ofKilobytes(64);

        @Override
        public Transport transport() {
            return Transport.TCP;
        }

        @Override
        public int getPort() {
            return port;
        }

        @Override
        public Tcp setPort(int port) {
            this.port = port;
            return this;
        }

        @Override
        public SenseMode getSenseMode() {
            return senseMode;
        }

        public Tcp setSenseMode(SenseMode senseMode) {
            this.senseMode = senseMode;
            return this;
        }

        @Override
        public int getMaxConnections() {
            return maxConnections;
        }

        @Override
        public Tcp setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public DataSize getMaxFrameLength() {
            return maxFrameLength;
        }

        public Tcp setMaxFrameLength(DataSize maxFrameLength) {
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        public DataSize getMaxDiscardBytes() {
            return maxDiscardBytes;
        }

        public Tcp setMaxDiscardBytes(DataSize maxDiscardBytes) {
            this.maxDiscardBytes = maxDiscardBytes;
            return this;
        }

        /** Bytes of one oversized body discarded before the connection is closed. */
        public int maxDiscard() {
            return Math.toIntExact(maxDiscardBytes.toBytes());
        }

        @Override
        public int maxInboundBytes() {
            return Math.toIntExact(maxFrameLength.toBytes());
        }

        @Override
        public int maxOutboundBytes() {
            return maxInboundBytes();
        }

        @Override
        void validateLimits(String prefix) {
            super.validateLimits(prefix);
            InvalidSettingException.requireBytes(prefix + "max-frame-length", 64, maxFrameLength);
            InvalidSettingException.requireBytes(prefix + "max-discard-bytes", 0, maxDiscardBytes);
        }
    }

    /** The UDP gateway; UDP has no TLS. */
    public static class Udp extends Gateway {

        /** Port to bind; 0 binds an ephemeral port, published as local.im.server.udp.port. */
        private int port = 7901;

        /** Heartbeat sense mode the clients use (the stock UDP client's); selects the idle timeout (10s). */
        private SenseMode senseMode = SenseMode.MODE_3S;

        /** Largest datagram accepted; larger ones get 52/303. */
        private DataSize maxDatagramSize = DataSize.ofBytes(2048);

        /** Largest datagram the server writes; stock clients read into 1024 bytes. */
        private DataSize maxOutboundDatagramSize = DataSize.ofBytes(1024);

        /**
         * Most peers in the table; the oldest not logged in make room, a newcomer is refused otherwise. A peer holds
         * no file descriptor, only about 600 bytes of heap.
         */
        private int maxPeers = 20_000;

        @Override
        public Transport transport() {
            return Transport.UDP;
        }

        @Override
        public int getPort() {
            return port;
        }

        @Override
        public Udp setPort(int port) {
            this.port = port;
            return this;
        }

        @Override
        public SenseMode getSenseMode() {
            return senseMode;
        }

        public Udp setSenseMode(SenseMode senseMode) {
            this.senseMode = senseMode;
            return this;
        }

        public DataSize getMaxDatagramSize() {
            return maxDatagramSize;
        }

        public Udp setMaxDatagramSize(DataSize maxDatagramSize) {
            this.maxDatagramSize = maxDatagramSize;
            return this;
        }

        public DataSize getMaxOutboundDatagramSize() {
            return maxOutboundDatagramSize;
        }

        public Udp setMaxOutboundDatagramSize(DataSize maxOutboundDatagramSize) {
            this.maxOutboundDatagramSize = maxOutboundDatagramSize;
            return this;
        }

        public int getMaxPeers() {
            return maxPeers;
        }

        public Udp setMaxPeers(int maxPeers) {
            this.maxPeers = maxPeers;
            return this;
        }

        @Override
        public int maxInboundBytes() {
            return Math.toIntExact(maxDatagramSize.toBytes());
        }

        @Override
        public int maxOutboundBytes() {
            return Math.toIntExact(maxOutboundDatagramSize.toBytes());
        }

        @Override
        public int connectionLimit() {
            return maxPeers;
        }

        @Override
        void validateLimits(String prefix) {
            InvalidSettingException.requireBytes(prefix + "max-datagram-size", 64, maxDatagramSize);
            InvalidSettingException.requireBytes(prefix + "max-outbound-datagram-size", 64, maxOutboundDatagramSize);
            InvalidSettingException.requireAtLeast(prefix + "max-peers", 1, maxPeers);
        }
    }

    /** The WebSocket gateway. */
    public static class WebSocket extends StreamGateway {

        /** Port to bind; 0 binds an ephemeral port, published as local.im.server.websocket.port. */
        private int port = 3000;

        /** Heartbeat sense mode the clients use (the stock Java client's); selects the idle timeout (20s). */
        private SenseMode senseMode = SenseMode.MODE_15S;

        /** Most open connections; a newcomer beyond it is refused with 52/305 and closed. */
        private int maxConnections = 8_000;

        /** Largest text message accepted and written; larger inbound ones get 52/303. */
        private DataSize maxFrameSize = DataSize.ofKilobytes(64);

        /** Path of the WebSocket upgrade. */
        private String path = "/websocket";

        @Override
        public Transport transport() {
            return Transport.WEBSOCKET;
        }

        @Override
        public int getPort() {
            return port;
        }

        @Override
        public WebSocket setPort(int port) {
            this.port = port;
            return this;
        }

        @Override
        public SenseMode getSenseMode() {
            return senseMode;
        }

        public WebSocket setSenseMode(SenseMode senseMode) {
            this.senseMode = senseMode;
            return this;
        }

        @Override
        public int getMaxConnections() {
            return maxConnections;
        }

        @Override
        public WebSocket setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public DataSize getMaxFrameSize() {
            return maxFrameSize;
        }

        public WebSocket setMaxFrameSize(DataSize maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
            return this;
        }

        public String getPath() {
            return path;
        }

        public WebSocket setPath(String path) {
            this.path = path;
            return this;
        }

        @Override
        public int maxInboundBytes() {
            return Math.toIntExact(maxFrameSize.toBytes());
        }

        @Override
        public int maxOutboundBytes() {
            return maxInboundBytes();
        }

        @Override
        void validateLimits(String prefix) {
            super.validateLimits(prefix);
            InvalidSettingException.requireBytes(prefix + "max-frame-size", 64, maxFrameSize);
            if (path == null || !path.startsWith("/")) {
                throw new InvalidSettingException(prefix + "path", path, "must start with '/'");
            }
        }
    }

    /** TLS of a TCP or WebSocket gateway, from PEM files. */
    public static class Ssl {

        /** Whether the gateway speaks TLS instead of plaintext on its port. */
        private boolean enabled;

        /** Location of the PEM certificate chain, e.g. classpath:im.crt or file:/etc/im/im.crt. */
        private String certificate;

        /** Location of the PEM private key (PKCS#8, unencrypted). */
        private String privateKey;

        public boolean isEnabled() {
            return enabled;
        }

        public Ssl setEnabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public String getCertificate() {
            return certificate;
        }

        public Ssl setCertificate(String certificate) {
            this.certificate = certificate;
            return this;
        }

        public String getPrivateKey() {
            return privateKey;
        }

        public Ssl setPrivateKey(String privateKey) {
            this.privateKey = privateKey;
            return this;
        }
    }

    /** Per-connection inbound rate limits, and when a connection that keeps going past them is closed. */
    public static class RateLimit {

        /** Sustained packets per second one connection may send, keep-alives and logouts not counted. */
        private int packetsPerSecond = 100;

        /** Packets one connection may send in a burst above the sustained rate. */
        private int burst = 200;

        /** Keep-alives and logouts per second one connection may send, in bursts of up to twice as many. */
        private int keepAlivesPerSecond = 10;

        /** Packets refused with 52/305 within the refused window after which the connection is closed. */
        private int closeAfterRefused = 1000;

        /** Time over which refused packets are counted towards close-after-refused. */
        private Duration refusedWindow = Duration.ofSeconds(10);

        public int getPacketsPerSecond() {
            return packetsPerSecond;
        }

        public RateLimit setPacketsPerSecond(int packetsPerSecond) {
            this.packetsPerSecond = packetsPerSecond;
            return this;
        }

        public int getBurst() {
            return burst;
        }

        public RateLimit setBurst(int burst) {
            this.burst = burst;
            return this;
        }

        public int getKeepAlivesPerSecond() {
            return keepAlivesPerSecond;
        }

        public RateLimit setKeepAlivesPerSecond(int keepAlivesPerSecond) {
            this.keepAlivesPerSecond = keepAlivesPerSecond;
            return this;
        }

        public int getCloseAfterRefused() {
            return closeAfterRefused;
        }

        public RateLimit setCloseAfterRefused(int closeAfterRefused) {
            this.closeAfterRefused = closeAfterRefused;
            return this;
        }

        public Duration getRefusedWindow() {
            return refusedWindow;
        }

        public RateLimit setRefusedWindow(Duration refusedWindow) {
            this.refusedWindow = refusedWindow;
            return this;
        }

        void validate() {
            InvalidSettingException.requireAtLeast("rate-limit.packets-per-second", 1, packetsPerSecond);
            InvalidSettingException.requireAtLeast("rate-limit.burst", 1, burst);
            InvalidSettingException.requireAtLeast("rate-limit.keep-alives-per-second", 1, keepAlivesPerSecond);
            InvalidSettingException.requireAtLeast("rate-limit.close-after-refused", 1, closeAfterRefused);
            InvalidSettingException.requirePositive("rate-limit.refused-window", refusedWindow);
        }
    }

    /**
     * Refused logins (section 6.1), per user id and per IP address: each refusal within forget-after of the previous
     * one counts, the answer to the n-th is held back by max-delay x (n / limit)^2, the longer of the user's and the
     * address's, and once a count reaches its limit further logins are closed unanswered and unverified until
     * forget-after has passed without a refusal.
     */
    public static class RefusedLogins {

        /** Longest time the answer to a refused login is held back; 0s answers at once. */
        private Duration maxDelay = Duration.ofSeconds(5);

        /** Refusals of one user id after which its logins are closed unanswered. */
        private int closeAfter = 10;

        /** Refusals from one IP address after which its logins are closed unanswered; 0 behind a balancer. */
        private int closeAfterPerAddress = 100;

        /** Time without a refusal after which a user id's or address's count starts again. */
        private Duration forgetAfter = Duration.ofMinutes(10);

        /** Interval of the refused-login log: one line for its first refusal, one summary of the rest. */
        private Duration logInterval = Duration.ofMinutes(1);

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public RefusedLogins setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
            return this;
        }

        public int getCloseAfter() {
            return closeAfter;
        }

        public RefusedLogins setCloseAfter(int closeAfter) {
            this.closeAfter = closeAfter;
            return this;
        }

        public int getCloseAfterPerAddress() {
            return closeAfterPerAddress;
        }

        public RefusedLogins setCloseAfterPerAddress(int closeAfterPerAddress) {
            this.closeAfterPerAddress = closeAfterPerAddress;
            return this;
        }

        public Duration getForgetAfter() {
            return forgetAfter;
        }

        public RefusedLogins setForgetAfter(Duration forgetAfter) {
            this.forgetAfter = forgetAfter;
            return this;
        }

        public Duration getLogInterval() {
            return logInterval;
        }

        public RefusedLogins setLogInterval(Duration logInterval) {
            this.logInterval = logInterval;
            return this;
        }

        void validate() {
            if (maxDelay == null || maxDelay.isNegative()) {
                throw new InvalidSettingException("refused-logins.max-delay", maxDelay, "must be zero or more");
            }
            InvalidSettingException.requireAtLeast("refused-logins.close-after", 1, closeAfter);
            InvalidSettingException.requireAtLeast("refused-logins.close-after-per-address", 0,
                    closeAfterPerAddress);
            InvalidSettingException.requirePositive("refused-logins.forget-after", forgetAfter);
            InvalidSettingException.requirePositive("refused-logins.log-interval", logInterval);
        }
    }

    /** Outbound backpressure: how many unsent bytes one connection may hold, on every transport. */
    public static class Outbound {

        /** Unsent bytes of a connection at or below which it is read from again. */
        private DataSize lowWaterMark = DataSize.ofKilobytes(32);

        /** Unsent bytes of a TCP or WebSocket connection above which it is no longer read from. */
        private DataSize highWaterMark = DataSize.ofKilobytes(64);

        /** Unsent bytes of a connection or UDP peer above which writes to it fail at once. */
        private DataSize maxPending = DataSize.ofMegabytes(1);

        /** Time a TCP or WebSocket connection may stay above the high-water mark before it is closed. */
        private Duration slowConsumerTimeout = Duration.ofSeconds(10);

        public DataSize getLowWaterMark() {
            return lowWaterMark;
        }

        public Outbound setLowWaterMark(DataSize lowWaterMark) {
            this.lowWaterMark = lowWaterMark;
            return this;
        }

        public DataSize getHighWaterMark() {
            return highWaterMark;
        }

        public Outbound setHighWaterMark(DataSize highWaterMark) {
            this.highWaterMark = highWaterMark;
            return this;
        }

        public DataSize getMaxPending() {
            return maxPending;
        }

        public Outbound setMaxPending(DataSize maxPending) {
            this.maxPending = maxPending;
            return this;
        }

        public Duration getSlowConsumerTimeout() {
            return slowConsumerTimeout;
        }

        public Outbound setSlowConsumerTimeout(Duration slowConsumerTimeout) {
            this.slowConsumerTimeout = slowConsumerTimeout;
            return this;
        }

        void validate() {
            InvalidSettingException.requireBytes("outbound.low-water-mark", 1, lowWaterMark);
            InvalidSettingException.requireBytes("outbound.high-water-mark", lowWaterMark.toBytes(), highWaterMark);
            InvalidSettingException.requireBytes("outbound.max-pending", highWaterMark.toBytes(), maxPending);
            InvalidSettingException.requirePositive("outbound.slow-consumer-timeout", slowConsumerTimeout);
        }
    }

    /** The server's QoS: its send daemon, de-duplication and C2C acknowledgement. */
    public static class Qos extends QosSettings {

        /** A stock MobileIMSDK client reports a message lost 3 s + 2 x 5 s after sending it. */
        private static final Duration STOCK_CLIENT_EARLIEST_LOST = Duration.ofSeconds(13);

        /** Age a pending packet must reach before it is re-sent. */
        private Duration minAge = Duration.ofSeconds(2);

        /** Re-sends before a packet is reported lost. */
        private int maxRetries = 1;

        /** Time a received (sender, fp) pair is remembered to drop duplicates. */
        private Duration dedupWindow = Duration.ofMinutes(10);

        /** Most (sender, fp) pairs of C2S messages remembered; the oldest are evicted first. */
        private int dedupMaxEntries = 100_000;

        /**
         * Heap that receiver mode may use to remember acknowledged and stored C2C messages for de-duplication; the
         * oldest are forgotten first, so at a high rate the window is shorter (meter im.qos.dedup.window).
         */
        private DataSize dedupMaxMemory = DataSize.ofMegabytes(32);

        /** When the sender of a QoS C2C message gets its ACK. */
        private C2cAckMode c2cAckMode = C2cAckMode.RECEIVER;

        /** Receiver mode: wait for the receiver's ACK before the offline hand-off; below 13s. */
        private Duration receiverAckTimeout = Duration.ofSeconds(10);

        @Override
        public Duration getMinAge() {
            return minAge;
        }

        @Override
        public Qos setMinAge(Duration minAge) {
            this.minAge = minAge;
            return this;
        }

        @Override
        public int getMaxRetries() {
            return maxRetries;
        }

        @Override
        public Qos setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Duration getDedupWindow() {
            return dedupWindow;
        }

        public Qos setDedupWindow(Duration dedupWindow) {
            this.dedupWindow = dedupWindow;
            return this;
        }

        public int getDedupMaxEntries() {
            return dedupMaxEntries;
        }

        public Qos setDedupMaxEntries(int dedupMaxEntries) {
            this.dedupMaxEntries = dedupMaxEntries;
            return this;
        }

        public DataSize getDedupMaxMemory() {
            return dedupMaxMemory;
        }

        public Qos setDedupMaxMemory(DataSize dedupMaxMemory) {
            this.dedupMaxMemory = dedupMaxMemory;
            return this;
        }

        public C2cAckMode getC2cAckMode() {
            return c2cAckMode;
        }

        public Qos setC2cAckMode(C2cAckMode c2cAckMode) {
            this.c2cAckMode = c2cAckMode;
            return this;
        }

        public Duration getReceiverAckTimeout() {
            return receiverAckTimeout;
        }

        public Qos setReceiverAckTimeout(Duration receiverAckTimeout) {
            this.receiverAckTimeout = receiverAckTimeout;
            return this;
        }

        @Override
        public void validate(String prefix) {
            super.validate(prefix);
            InvalidSettingException.requirePositive(prefix + "dedup-window", dedupWindow);
            InvalidSettingException.requireAtLeast(prefix + "dedup-max-entries", 1, dedupMaxEntries);
            if (dedupMaxMemory == null || dedupMaxMemory.toBytes() < 1024) {
                throw new InvalidSettingException(prefix + "dedup-max-memory", dedupMaxMemory,
                        "must be at least 1KB");
            }
            InvalidSettingException.requireSet(prefix + "c2c-ack-mode", c2cAckMode);
            InvalidSettingException.requirePositive(prefix + "receiver-ack-timeout", receiverAckTimeout);
            if (receiverAckTimeout.compareTo(STOCK_CLIENT_EARLIEST_LOST) >= 0) {
                throw new InvalidSettingException(prefix + "receiver-ack-timeout", receiverAckTimeout,
                        "must stay below " + STOCK_CLIENT_EARLIEST_LOST + ", the earliest lost report of a stock client");
            }
        }
    }

    /** Sessions of one user id across connections. */
    public static class Session {

        /** What a login does when its user already has a session on another connection. */
        private DuplicateLoginPolicy duplicateLogin = DuplicateLoginPolicy.NEWEST_WINS;

        public DuplicateLoginPolicy getDuplicateLogin() {
            return duplicateLogin;
        }

        public Session setDuplicateLogin(DuplicateLoginPolicy duplicateLogin) {
            this.duplicateLogin = duplicateLogin;
            return this;
        }
    }
}
