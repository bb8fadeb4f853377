package io.imstarter.autoconfigure;

import io.imstarter.client.ImClientConfig;
import io.imstarter.client.SendWhileDisconnected;
import io.imstarter.protocol.SenseMode;
import io.imstarter.protocol.Transport;
import io.imstarter.qos.DedupWindow;
import io.imstarter.qos.QosSettings;
import io.imstarter.server.C2cAckMode;
import io.imstarter.server.DuplicateLoginPolicy;
import io.imstarter.server.GatewayConfig;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.RefusedLoginSettings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the IM server, the embedded clients and event publishing. Every default is the constant of the
 * plain-Java config it maps to ({@link ImServerConfig}, {@link GatewayConfig}, {@link QosSettings},
 * {@link ImClientConfig}); the annotation processor cannot read those, so
 * {@code additional-spring-configuration-metadata.json} repeats them for the IDE and a test keeps both equal.
 */
@ConfigurationProperties("im")
public class ImProperties {

    private final Server server = new Server();

    private final Client client = new Client();

    private final Events events = new Events();

    public Server getServer() {
        return server;
    }

    public Client getClient() {
        return client;
    }

    public Events getEvents() {
        return events;
    }

    /** The IM server. */
    public static class Server {

        /** Whether to run the IM server. */
        private boolean enabled = true;

        /** Address to bind the gateways to; all interfaces when unset. */
        private String address;

        /** Whether to answer type 5 echo packets. */
        private boolean echoEnabled = ImServerConfig.DEFAULT_ECHO_ENABLED;

        /** Whether to stamp relayed packets with the server clock in "sm". */
        private boolean stampServerTime = ImServerConfig.DEFAULT_STAMP_SERVER_TIME;

        /** Error packets (type 52) one connection may receive per second; the rest are dropped. */
        private int maxErrorRate = ImServerConfig.DEFAULT_MAX_ERRORS_PER_SECOND;

        /** Packets of one connection that may wait for dispatch before 52/305. */
        private int maxQueuedPacketsPerConnection = ImServerConfig.DEFAULT_MAX_QUEUED_PACKETS_PER_CONNECTION;

        /** Longest time the login verifier may take before the login is refused with code 2. */
        private Duration loginVerifyTimeout = ImServerConfig.DEFAULT_LOGIN_VERIFY_TIMEOUT;

        /** Longest time the offline handler may take before the message counts as refused. */
        private Duration offlineTimeout = ImServerConfig.DEFAULT_OFFLINE_TIMEOUT;

        /** Time on shutdown for in-flight QoS messages to settle before sessions are closed. */
        private Duration shutdownGracePeriod = ImServerConfig.DEFAULT_SHUTDOWN_GRACE_PERIOD;

        /** Threads that dispatch packets and call the application; the number of cores, at least 2, when unset. */
        private Integer dispatchThreads;

        /**
         * Tasks that may wait for each of the server's pools (dispatch, login and offline decisions, message store);
         * beyond it a packet is refused with 52/305, a listener call dropped and counted, a login or hand-off refused.
         */
        private int maxQueuedTasks = ImServerConfig.DEFAULT_MAX_QUEUED_TASKS;

        /** Netty worker threads; 0 means one per core. */
        private int ioThreads = ImServerConfig.DEFAULT_IO_THREADS;

        /** Whether the event loops use Linux's epoll when its native library loads; false forces Java NIO. */
        private boolean nativeTransport = ImServerConfig.DEFAULT_NATIVE_TRANSPORT;

        /** Time from connecting to a successful login; a connection that takes longer is closed. */
        private Duration loginTimeout = ImServerConfig.DEFAULT_LOGIN_TIMEOUT;

        /** Time a started TCP frame, WebSocket message or WebSocket handshake may take to arrive whole. */
        private Duration frameTimeout = ImServerConfig.DEFAULT_FRAME_TIMEOUT;

        private final Tcp tcp = new Tcp();

        private final Udp udp = new Udp();

        private final WebSocket websocket = new WebSocket();

        private final RateLimit rateLimit = new RateLimit();

        private final RefusedLogins refusedLogins = new RefusedLogins();

        private final ServerQos qos = new ServerQos();

        private final Session session = new Session();

        private final Outbound outbound = new Outbound();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getAddress() {
            return address;
        }

        public void setAddress(String address) {
            this.address = address;
        }

        public boolean isEchoEnabled() {
            return echoEnabled;
        }

        public void setEchoEnabled(boolean echoEnabled) {
            this.echoEnabled = echoEnabled;
        }

        public boolean isStampServerTime() {
            return stampServerTime;
        }

        public void setStampServerTime(boolean stampServerTime) {
            this.stampServerTime = stampServerTime;
        }

        public int getMaxErrorRate() {
            return maxErrorRate;
        }

        public void setMaxErrorRate(int maxErrorRate) {
            this.maxErrorRate = maxErrorRate;
        }

        public int getMaxQueuedPacketsPerConnection() {
            return maxQueuedPacketsPerConnection;
        }

        public void setMaxQueuedPacketsPerConnection(int maxQueuedPacketsPerConnection) {
            this.maxQueuedPacketsPerConnection = maxQueuedPacketsPerConnection;
        }

        public Duration getLoginVerifyTimeout() {
            return loginVerifyTimeout;
        }

        public void setLoginVerifyTimeout(Duration loginVerifyTimeout) {
            this.loginVerifyTimeout = loginVerifyTimeout;
        }

        public Duration getOfflineTimeout() {
            return offlineTimeout;
        }

        public void setOfflineTimeout(Duration offlineTimeout) {
            this.offlineTimeout = offlineTimeout;
        }

        public Duration getShutdownGracePeriod() {
            return shutdownGracePeriod;
        }

        public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
            this.shutdownGracePeriod = shutdownGracePeriod;
        }

        public Integer getDispatchThreads() {
            return dispatchThreads;
        }

        public void setDispatchThreads(Integer dispatchThreads) {
            this.dispatchThreads = dispatchThreads;
        }

        public int getMaxQueuedTasks() {
            return maxQueuedTasks;
        }

        public void setMaxQueuedTasks(int maxQueuedTasks) {
            this.maxQueuedTasks = maxQueuedTasks;
        }

        public int getIoThreads() {
            return ioThreads;
        }

        public void setIoThreads(int ioThreads) {
            this.ioThreads = ioThreads;
        }

        public boolean isNativeTransport() {
            return nativeTransport;
        }

        public void setNativeTransport(boolean nativeTransport) {
            this.nativeTransport = nativeTransport;
        }

        public Duration getLoginTimeout() {
            return loginTimeout;
        }

        public void setLoginTimeout(Duration loginTimeout) {
            this.loginTimeout = loginTimeout;
        }

        public Duration getFrameTimeout() {
            return frameTimeout;
        }

        public void setFrameTimeout(Duration frameTimeout) {
            this.frameTimeout = frameTimeout;
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

        public RateLimit getRateLimit() {
            return rateLimit;
        }

        public RefusedLogins getRefusedLogins() {
            return refusedLogins;
        }

        public ServerQos getQos() {
            return qos;
        }

        public Session getSession() {
            return session;
        }

        /** Sessions of one user id across connections. */
        public static class Session {

            /** What a login does when its user already has a session on another connection. */
            private DuplicateLoginPolicy duplicateLogin = ImServerConfig.DEFAULT_DUPLICATE_LOGIN_POLICY;

            public DuplicateLoginPolicy getDuplicateLogin() {
                return duplicateLogin;
            }

            public void setDuplicateLogin(DuplicateLoginPolicy duplicateLogin) {
                this.duplicateLogin = duplicateLogin;
            }
        }

        public Outbound getOutbound() {
            return outbound;
        }

        /** The settings every gateway has; the transport-specific limits live in the subclasses. */
        public abstract static class Gateway {

            /** Whether to bind this gateway. */
            private boolean enabled = GatewayConfig.DEFAULT_ENABLED;

            /** Port to bind; 0 binds an ephemeral port, published as local.im.server.<transport>.port. */
            private int port;

            /** Time without inbound traffic after which a connection is closed; overrides sense-mode. */
            private Duration idleTimeout;

            /** Heartbeat sense mode the clients use; selects the idle timeout unless idle-timeout is set. */
            private SenseMode senseMode;

            /** Most connections (UDP: peers) from one remote IP address; more are refused with 52/305. */
            private int maxConnectionsPerAddress = GatewayConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;

            Gateway(Transport transport, int port) {
                this.port = port;
                this.senseMode = GatewayConfig.defaultSenseMode(transport);
            }

            public boolean isEnabled() {
                return enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            public int getPort() {
                return port;
            }

            public void setPort(int port) {
                this.port = port;
            }

            public Duration getIdleTimeout() {
                return idleTimeout;
            }

            public void setIdleTimeout(Duration idleTimeout) {
                this.idleTimeout = idleTimeout;
            }

            public SenseMode getSenseMode() {
                return senseMode;
            }

            public void setSenseMode(SenseMode senseMode) {
                this.senseMode = senseMode;
            }

            public int getMaxConnectionsPerAddress() {
                return maxConnectionsPerAddress;
            }

            public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
                this.maxConnectionsPerAddress = maxConnectionsPerAddress;
            }
        }

        /** What the stream gateways (TCP and WebSocket) have beyond every gateway's settings. */
        public abstract static class StreamGateway extends Gateway {

            /** Accept backlog. */
            private int backlog = GatewayConfig.DEFAULT_BACKLOG;

            private final Ssl ssl = new Ssl();

            /** Most open connections; a newcomer beyond it is refused with 52/305 and closed. */
            private int maxConnections;

            StreamGateway(Transport transport, int port, int maxConnections) {
                super(transport, port);
                this.maxConnections = maxConnections;
            }

            public int getMaxConnections() {
                return maxConnections;
            }

            public void setMaxConnections(int maxConnections) {
                this.maxConnections = maxConnections;
            }

            public int getBacklog() {
                return backlog;
            }

            public void setBacklog(int backlog) {
                this.backlog = backlog;
            }

            public Ssl getSsl() {
                return ssl;
            }
        }

        /** The TCP gateway. */
        public static class Tcp extends StreamGateway {

            /** Largest frame body accepted and written; larger inbound bodies get 52/303. */
            private DataSize maxFrameLength = DataSize.ofBytes(GatewayConfig.DEFAULT_TCP_MAX_FRAME_LENGTH);

            /** Bytes of one oversized frame body discarded before the connection is closed. */
            private DataSize maxDiscardBytes = DataSize.ofBytes(GatewayConfig.DEFAULT_TCP_MAX_DISCARD_BYTES);

            public Tcp() {
                super(Transport.TCP, GatewayConfig.DEFAULT_TCP_PORT, GatewayConfig.DEFAULT_TCP_MAX_CONNECTIONS);
            }

            public DataSize getMaxDiscardBytes() {
                return maxDiscardBytes;
            }

            public void setMaxDiscardBytes(DataSize maxDiscardBytes) {
                this.maxDiscardBytes = maxDiscardBytes;
            }

            public DataSize getMaxFrameLength() {
                return maxFrameLength;
            }

            public void setMaxFrameLength(DataSize maxFrameLength) {
                this.maxFrameLength = maxFrameLength;
            }
        }

        /** The UDP gateway; UDP has no TLS. */
        public static class Udp extends Gateway {

            /** Largest datagram accepted; larger ones get 52/303. */
            private DataSize maxDatagramSize = DataSize.ofBytes(GatewayConfig.DEFAULT_UDP_MAX_INBOUND_SIZE);

            /** Largest datagram the server writes; stock clients read into 1024 bytes. */
            private DataSize maxOutboundDatagramSize = DataSize.ofBytes(GatewayConfig.DEFAULT_UDP_MAX_OUTBOUND_SIZE);

            /** Most peers in the table; the oldest not logged in make room, a newcomer is refused otherwise. */
            private int maxPeers = GatewayConfig.DEFAULT_UDP_MAX_PEERS;

            public Udp() {
                super(Transport.UDP, GatewayConfig.DEFAULT_UDP_PORT);
            }

            public int getMaxPeers() {
                return maxPeers;
            }

            public void setMaxPeers(int maxPeers) {
                this.maxPeers = maxPeers;
            }

            public DataSize getMaxDatagramSize() {
                return maxDatagramSize;
            }

            public void setMaxDatagramSize(DataSize maxDatagramSize) {
                this.maxDatagramSize = maxDatagramSize;
            }

            public DataSize getMaxOutboundDatagramSize() {
                return maxOutboundDatagramSize;
            }

            public void setMaxOutboundDatagramSize(DataSize maxOutboundDatagramSize) {
                this.maxOutboundDatagramSize = maxOutboundDatagramSize;
            }
        }

        /** The WebSocket gateway. */
        public static class WebSocket extends StreamGateway {

            /** Largest text message accepted and written; larger inbound ones get 52/303. */
            private DataSize maxFrameSize = DataSize.ofBytes(GatewayConfig.DEFAULT_WEBSOCKET_MAX_FRAME_SIZE);

            /** Path of the WebSocket upgrade. */
            private String path = GatewayConfig.DEFAULT_WEBSOCKET_PATH;

            public WebSocket() {
                super(Transport.WEBSOCKET, GatewayConfig.DEFAULT_WEBSOCKET_PORT,
                        GatewayConfig.DEFAULT_WEBSOCKET_MAX_CONNECTIONS);
            }

            public DataSize getMaxFrameSize() {
                return maxFrameSize;
            }

            public void setMaxFrameSize(DataSize maxFrameSize) {
                this.maxFrameSize = maxFrameSize;
            }

            public String getPath() {
                return path;
            }

            public void setPath(String path) {
                this.path = path;
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

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            public String getCertificate() {
                return certificate;
            }

            public void setCertificate(String certificate) {
                this.certificate = certificate;
            }

            public String getPrivateKey() {
                return privateKey;
            }

            public void setPrivateKey(String privateKey) {
                this.privateKey = privateKey;
            }
        }

        /** Per-connection inbound rate limits, and when a connection that keeps going past them is closed. */
        public static class RateLimit {

            /** Sustained packets per second one connection may send, keep-alives and logouts not counted. */
            private int packetsPerSecond = ImServerConfig.DEFAULT_PACKETS_PER_SECOND;

            /** Packets one connection may send in a burst above the sustained rate. */
            private int burst = ImServerConfig.DEFAULT_PACKET_BURST;

            /** Keep-alives and logouts per second one connection may send, in bursts of up to twice as many. */
            private int keepAlivesPerSecond = ImServerConfig.DEFAULT_KEEP_ALIVES_PER_SECOND;

            /** Packets refused with 52/305 within the refused window after which the connection is closed. */
            private int closeAfterRefused = ImServerConfig.DEFAULT_CLOSE_AFTER_REFUSED;

            /** Time over which refused packets are counted towards close-after-refused. */
            private Duration refusedWindow = ImServerConfig.DEFAULT_REFUSED_WINDOW;

            public int getPacketsPerSecond() {
                return packetsPerSecond;
            }

            public void setPacketsPerSecond(int packetsPerSecond) {
                this.packetsPerSecond = packetsPerSecond;
            }

            public int getBurst() {
                return burst;
            }

            public void setBurst(int burst) {
                this.burst = burst;
            }

            public int getKeepAlivesPerSecond() {
                return keepAlivesPerSecond;
            }

            public void setKeepAlivesPerSecond(int keepAlivesPerSecond) {
                this.keepAlivesPerSecond = keepAlivesPerSecond;
            }

            public int getCloseAfterRefused() {
                return closeAfterRefused;
            }

            public void setCloseAfterRefused(int closeAfterRefused) {
                this.closeAfterRefused = closeAfterRefused;
            }

            public Duration getRefusedWindow() {
                return refusedWindow;
            }

            public void setRefusedWindow(Duration refusedWindow) {
                this.refusedWindow = refusedWindow;
            }
        }

        /**
         * Refused logins, per user id and per IP address: each answer is held back longer (up to max-delay, growing
         * with the square of the count), and past a limit logins are closed unanswered and unverified until
         * forget-after has passed without a refusal.
         */
        public static class RefusedLogins {

            /** Longest time the answer to a refused login is held back; 0s answers at once. */
            private Duration maxDelay = ImServerConfig.DEFAULT_REFUSED_LOGIN_MAX_DELAY;

            /** Refusals of one user id after which its logins are closed unanswered. */
            private int closeAfter = ImServerConfig.DEFAULT_REFUSED_LOGIN_CLOSE_AFTER;

            /** Refusals from one IP address after which its logins are closed unanswered; 0 behind a balancer. */
            private int closeAfterPerAddress = ImServerConfig.DEFAULT_REFUSED_LOGIN_CLOSE_AFTER_PER_ADDRESS;

            /** Time without a refusal after which a user id's or address's count starts again. */
            private Duration forgetAfter = ImServerConfig.DEFAULT_REFUSED_LOGIN_FORGET_AFTER;

            /** Interval of the refused-login log: one line for its first refusal, one summary of the rest. */
            private Duration logInterval = ImServerConfig.DEFAULT_REFUSED_LOGIN_LOG_INTERVAL;

            public Duration getMaxDelay() {
                return maxDelay;
            }

            public void setMaxDelay(Duration maxDelay) {
                this.maxDelay = maxDelay;
            }

            public int getCloseAfter() {
                return closeAfter;
            }

            public void setCloseAfter(int closeAfter) {
                this.closeAfter = closeAfter;
            }

            public int getCloseAfterPerAddress() {
                return closeAfterPerAddress;
            }

            public void setCloseAfterPerAddress(int closeAfterPerAddress) {
                this.closeAfterPerAddress = closeAfterPerAddress;
            }

            public Duration getForgetAfter() {
                return forgetAfter;
            }

            public void setForgetAfter(Duration forgetAfter) {
                this.forgetAfter = forgetAfter;
            }

            public Duration getLogInterval() {
                return logInterval;
            }

            public void setLogInterval(Duration logInterval) {
                this.logInterval = logInterval;
            }

            RefusedLoginSettings toSettings() {
                return new RefusedLoginSettings(maxDelay, closeAfter, closeAfterPerAddress, forgetAfter, logInterval);
            }
        }

        /** Outbound backpressure: how many unsent bytes one connection may hold, on every transport. */
        public static class Outbound {

            /** Unsent bytes of a connection at or below which it is read from again. */
            private DataSize lowWaterMark = DataSize.ofBytes(ImServerConfig.DEFAULT_OUTBOUND_LOW_WATER_MARK);

            /** Unsent bytes of a TCP or WebSocket connection above which it is no longer read from. */
            private DataSize highWaterMark = DataSize.ofBytes(ImServerConfig.DEFAULT_OUTBOUND_HIGH_WATER_MARK);

            /** Unsent bytes of a connection or UDP peer above which writes to it fail at once. */
            private DataSize maxPending = DataSize.ofBytes(ImServerConfig.DEFAULT_OUTBOUND_MAX_PENDING);

            /** Time a TCP or WebSocket connection may stay above the high-water mark before it is closed. */
            private Duration slowConsumerTimeout = ImServerConfig.DEFAULT_SLOW_CONSUMER_TIMEOUT;

            public DataSize getLowWaterMark() {
                return lowWaterMark;
            }

            public void setLowWaterMark(DataSize lowWaterMark) {
                this.lowWaterMark = lowWaterMark;
            }

            public DataSize getHighWaterMark() {
                return highWaterMark;
            }

            public void setHighWaterMark(DataSize highWaterMark) {
                this.highWaterMark = highWaterMark;
            }

            public DataSize getMaxPending() {
                return maxPending;
            }

            public void setMaxPending(DataSize maxPending) {
                this.maxPending = maxPending;
            }

            public Duration getSlowConsumerTimeout() {
                return slowConsumerTimeout;
            }

            public void setSlowConsumerTimeout(Duration slowConsumerTimeout) {
                this.slowConsumerTimeout = slowConsumerTimeout;
            }
        }

        /** The server's QoS: its send daemon, de-duplication and C2C acknowledgement. */
        public static class ServerQos extends Qos {

            /** Time a received (sender, fp) pair is remembered to drop duplicates. */
            private Duration dedupWindow = DedupWindow.DEFAULT_WINDOW;

            /** Most (sender, fp) pairs of C2S messages remembered; the oldest are evicted first. */
            private int dedupMaxEntries = DedupWindow.DEFAULT_MAX_ENTRIES;

            /**
             * Heap that receiver mode may use to remember acknowledged and stored C2C messages for de-duplication;
             * the oldest are forgotten first, so at a high rate the window is shorter (meter im.qos.dedup.window).
             */
            private DataSize dedupMaxMemory = DataSize.ofBytes(ImServerConfig.DEFAULT_DEDUP_MAX_MEMORY);

            /** When the sender of a QoS C2C message gets its ACK. */
            private C2cAckMode c2cAckMode = ImServerConfig.DEFAULT_C2C_ACK_MODE;

            /** Receiver mode: wait for the receiver's ACK before the offline hand-off; below 13s. */
            private Duration receiverAckTimeout = ImServerConfig.DEFAULT_RECEIVER_ACK_TIMEOUT;

            public ServerQos() {
                super(QosSettings.SERVER_DEFAULTS);
            }

            public Duration getDedupWindow() {
                return dedupWindow;
            }

            public void setDedupWindow(Duration dedupWindow) {
                this.dedupWindow = dedupWindow;
            }

            public int getDedupMaxEntries() {
                return dedupMaxEntries;
            }

            public void setDedupMaxEntries(int dedupMaxEntries) {
                this.dedupMaxEntries = dedupMaxEntries;
            }

            public DataSize getDedupMaxMemory() {
                return dedupMaxMemory;
            }

            public void setDedupMaxMemory(DataSize dedupMaxMemory) {
                this.dedupMaxMemory = dedupMaxMemory;
            }

            public C2cAckMode getC2cAckMode() {
                return c2cAckMode;
            }

            public void setC2cAckMode(C2cAckMode c2cAckMode) {
                this.c2cAckMode = c2cAckMode;
            }

            public Duration getReceiverAckTimeout() {
                return receiverAckTimeout;
            }

            public void setReceiverAckTimeout(Duration receiverAckTimeout) {
                this.receiverAckTimeout = receiverAckTimeout;
            }
        }
    }

    /** A send daemon's timing and bound (wire protocol section 9.2), starting from the side's defaults. */
    public abstract static class Qos {

        /** How often pending QoS packets are examined. */
        private Duration checkInterval;

        /** Age a pending packet must reach before it is re-sent. */
        private Duration minAge;

        /** Re-sends before a packet is reported lost. */
        private int maxRetries;

        /** Packets that may wait for an ACK at once; further QoS sends are refused. */
        private int maxPending;

        Qos(QosSettings defaults) {
            this.checkInterval = defaults.checkInterval();
            this.minAge = defaults.minAge();
            this.maxRetries = defaults.maxRetries();
            this.maxPending = defaults.maxPending();
        }

        /** The core settings these properties describe; their constructor rejects impossible values. */
        QosSettings toSettings() {
            return new QosSettings(checkInterval, minAge, maxRetries, maxPending);
        }

        public Duration getCheckInterval() {
            return checkInterval;
        }

        public void setCheckInterval(Duration checkInterval) {
            this.checkInterval = checkInterval;
        }

        public Duration getMinAge() {
            return minAge;
        }

        public void setMinAge(Duration minAge) {
            this.minAge = minAge;
        }

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        public int getMaxPending() {
            return maxPending;
        }

        public void setMaxPending(int maxPending) {
            this.maxPending = maxPending;
        }
    }

    /** The embedded client manager and the defaults of its clients. */
    public static class Client {

        /** Whether to create the embedded client manager. */
        private boolean enabled = true;

        /** Host of the IM server, unless servers is set; the default is where the embedded server listens. */
        private String host = ImClientConfig.DEFAULT_HOST;

        /**
         * Port of the IM server, unless servers is set; when unset, the embedded server's bound port if the host is
         * the default and the server runs, else the transport's stock port (8901, 7901 or 3000).
         */
        private Integer port;

        /**
         * Servers to fail over between, as host:port ([ipv6]:port) in order of preference; wins over host and port.
         * A client logs in on the first that answers and moves to the next on a lost link or failed re-login.
         */
        private List<String> servers;

        /** Transport the clients connect with. */
        private Transport transport = ImClientConfig.DEFAULT_TRANSPORT;

        /** WebSocket upgrade path. */
        private String websocketPath = ImClientConfig.DEFAULT_WEBSOCKET_PATH;

        /** Heartbeat sense mode; MODE_5S for TCP and WebSocket, MODE_3S for UDP when unset. */
        private SenseMode senseMode;

        /** Interval between keep-alives; overrides sense-mode. */
        private Duration keepAliveInterval;

        /** Time without a keep-alive reply after which the link counts as lost; overrides sense-mode. */
        private Duration linkTimeout;

        /** Longest time to establish a connection. */
        private Duration connectTimeout = ImClientConfig.DEFAULT_CONNECT_TIMEOUT;

        /** Longest time a login waits for the server's answer. */
        private Duration loginTimeout = ImClientConfig.DEFAULT_LOGIN_TIMEOUT;

        /** What a send does while the client is not logged in. */
        private SendWhileDisconnected sendWhileDisconnected = ImClientConfig.DEFAULT_SEND_WHILE_DISCONNECTED;

        /** Sends that may wait for a login when send-while-disconnected is queue. */
        private int maxQueuedSends = ImClientConfig.DEFAULT_MAX_QUEUED_SENDS;

        /** Received messages that may wait for the application; past it a message is not ACKed, so it is re-sent. */
        private int maxUnhandledMessages = ImClientConfig.DEFAULT_MAX_UNHANDLED_MESSAGES;

        /** Time a received (sender, fp) pair is remembered to drop duplicates. */
        private Duration dedupWindow = DedupWindow.DEFAULT_WINDOW;

        /** Most (sender, fp) pairs remembered; the oldest are evicted first. */
        private int dedupMaxEntries = DedupWindow.DEFAULT_MAX_ENTRIES;

        /** Largest TCP frame body the clients read or write. */
        private DataSize maxFrameLength = DataSize.ofBytes(ImClientConfig.DEFAULT_MAX_FRAME_LENGTH);

        private final Relogin relogin = new Relogin();

        private final ClientQos qos = new ClientQos();

        private final ClientSsl ssl = new ClientSsl();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public Integer getPort() {
            return port;
        }

        public void setPort(Integer port) {
            this.port = port;
        }

        public List<String> getServers() {
            return servers;
        }

        public void setServers(List<String> servers) {
            this.servers = servers;
        }

        public Transport getTransport() {
            return transport;
        }

        public void setTransport(Transport transport) {
            this.transport = transport;
        }

        public String getWebsocketPath() {
            return websocketPath;
        }

        public void setWebsocketPath(String websocketPath) {
            this.websocketPath = websocketPath;
        }

        public SenseMode getSenseMode() {
            return senseMode;
        }

        public void setSenseMode(SenseMode senseMode) {
            this.senseMode = senseMode;
        }

        public Duration getKeepAliveInterval() {
            return keepAliveInterval;
        }

        public void setKeepAliveInterval(Duration keepAliveInterval) {
            this.keepAliveInterval = keepAliveInterval;
        }

        public Duration getLinkTimeout() {
            return linkTimeout;
        }

        public void setLinkTimeout(Duration linkTimeout) {
            this.linkTimeout = linkTimeout;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getLoginTimeout() {
            return loginTimeout;
        }

        public void setLoginTimeout(Duration loginTimeout) {
            this.loginTimeout = loginTimeout;
        }

        public SendWhileDisconnected getSendWhileDisconnected() {
            return sendWhileDisconnected;
        }

        public void setSendWhileDisconnected(SendWhileDisconnected sendWhileDisconnected) {
            this.sendWhileDisconnected = sendWhileDisconnected;
        }

        public int getMaxQueuedSends() {
            return maxQueuedSends;
        }

        public void setMaxQueuedSends(int maxQueuedSends) {
            this.maxQueuedSends = maxQueuedSends;
        }

        public int getMaxUnhandledMessages() {
            return maxUnhandledMessages;
        }

        public void setMaxUnhandledMessages(int maxUnhandledMessages) {
            this.maxUnhandledMessages = maxUnhandledMessages;
        }

        public Duration getDedupWindow() {
            return dedupWindow;
        }

        public void setDedupWindow(Duration dedupWindow) {
            this.dedupWindow = dedupWindow;
        }

        public int getDedupMaxEntries() {
            return dedupMaxEntries;
        }

        public void setDedupMaxEntries(int dedupMaxEntries) {
            this.dedupMaxEntries = dedupMaxEntries;
        }

        public DataSize getMaxFrameLength() {
            return maxFrameLength;
        }

        public void setMaxFrameLength(DataSize maxFrameLength) {
            this.maxFrameLength = maxFrameLength;
        }

        public Relogin getRelogin() {
            return relogin;
        }

        public ClientQos getQos() {
            return qos;
        }

        public ClientSsl getSsl() {
            return ssl;
        }

        /** Automatic re-login after a lost link: doubling delays with jitter. */
        public static class Relogin {

            /** First re-login delay; 3s for TCP and WebSocket, 2s for UDP when unset. */
            private Duration initialDelay;

            /** Longest delay the doubling backoff reaches. */
            private Duration maxInterval = ImClientConfig.DEFAULT_RELOGIN_MAX_INTERVAL;

            /** Random share, from 0 to 1, added to or taken from each delay. */
            private double jitter = ImClientConfig.DEFAULT_RELOGIN_JITTER;

            public Duration getInitialDelay() {
                return initialDelay;
            }

            public void setInitialDelay(Duration initialDelay) {
                this.initialDelay = initialDelay;
            }

            public Duration getMaxInterval() {
                return maxInterval;
            }

            public void setMaxInterval(Duration maxInterval) {
                this.maxInterval = maxInterval;
            }

            public double getJitter() {
                return jitter;
            }

            public void setJitter(double jitter) {
                this.jitter = jitter;
            }
        }

        /** The clients' send daemon. */
        public static class ClientQos extends Qos {

            public ClientQos() {
                super(QosSettings.CLIENT_DEFAULTS);
            }
        }

        /** TLS to the server (TCP and WebSocket); the server's certificate is verified unless trust-all is set. */
        public static class ClientSsl {

            /** Whether the embedded clients connect with TLS. */
            private boolean enabled;

            /** PEM certificate(s) to trust, e.g. classpath:im-ca.crt; the JVM's trust store when unset. */
            private String trustCertificate;

            /** Whether to trust any server certificate; for tests only, it disables server authentication. */
            private boolean trustAll;

            public boolean isEnabled() {
                return enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            public String getTrustCertificate() {
                return trustCertificate;
            }

            public void setTrustCertificate(String trustCertificate) {
                this.trustCertificate = trustCertificate;
            }

            public boolean isTrustAll() {
                return trustAll;
            }

            public void setTrustAll(boolean trustAll) {
                this.trustAll = trustAll;
            }
        }
    }

    /** Publishing of IM notifications as Spring application events. */
    public static class Events {

        /** Whether to publish IM notifications as Spring application events. */
        private boolean enabled = true;

        /** Threads that publish events; 1 keeps the order in which the server reported them. */
        private int threads = 1;

        /** Events that may wait for a publishing thread; further ones are dropped and counted. */
        private int queueCapacity = 10_000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        public int getQueueCapacity() {
            return queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }
    }
}
