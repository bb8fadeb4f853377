package io.imstarter.autoconfigure;

import io.imstarter.client.SendWhileDisconnected;
import io.imstarter.protocol.SenseMode;
import io.imstarter.protocol.Transport;
import io.imstarter.server.C2cAckMode;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the IM server, the embedded clients and event publishing. A setting left unset keeps the
 * default of the plain-Java config it maps to ({@code ImServerConfig}, {@code ImClientConfig}); those defaults are
 * named in each description.
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

        /** Whether to answer type 5 echo packets. Default true. */
        private Boolean echoEnabled;

        /** Whether to stamp relayed packets with the server clock in "sm". Default false. */
        private Boolean stampServerTime;

        /** Error packets (type 52) one connection may receive per second; the rest are dropped. Default 10. */
        private Integer maxErrorRate;

        /** Packets of one connection that may wait for dispatch before 52/305. Default 1000. */
        private Integer maxQueuedPacketsPerConnection;

        /** Longest time the login verifier may take before the login is refused with code 2. Default 5s. */
        private Duration loginVerifyTimeout;

        /** Longest time the offline handler may take before the message counts as refused. Default 5s. */
        private Duration offlineTimeout;

        /** Time on shutdown for in-flight QoS messages to settle before sessions are closed. Default 5s. */
        private Duration shutdownGracePeriod;

        /** Threads that dispatch packets and call the application. Default: the number of cores, at least 2. */
        private Integer dispatchThreads;

        /** Netty worker threads; 0 lets Netty choose (twice the cores). Default 0. */
        private Integer ioThreads;

        private final Tcp tcp = new Tcp();

        private final Udp udp = new Udp();

        private final WebSocket websocket = new WebSocket();

        private final RateLimit rateLimit = new RateLimit();

        private final ServerQos qos = new ServerQos();

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

        public Boolean getEchoEnabled() {
            return echoEnabled;
        }

        public void setEchoEnabled(Boolean echoEnabled) {
            this.echoEnabled = echoEnabled;
        }

        public Boolean getStampServerTime() {
            return stampServerTime;
        }

        public void setStampServerTime(Boolean stampServerTime) {
            this.stampServerTime = stampServerTime;
        }

        public Integer getMaxErrorRate() {
            return maxErrorRate;
        }

        public void setMaxErrorRate(Integer maxErrorRate) {
            this.maxErrorRate = maxErrorRate;
        }

        public Integer getMaxQueuedPacketsPerConnection() {
            return maxQueuedPacketsPerConnection;
        }

        public void setMaxQueuedPacketsPerConnection(Integer maxQueuedPacketsPerConnection) {
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

        public Integer getIoThreads() {
            return ioThreads;
        }

        public void setIoThreads(Integer ioThreads) {
            this.ioThreads = ioThreads;
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

        public ServerQos getQos() {
            return qos;
        }

        /** The settings every gateway has; the transport-specific limits live in the subclasses. */
        public abstract static class Gateway {

            /** Whether to bind this gateway. */
            private boolean enabled = true;

            /** Port to bind; 0 binds an ephemeral port, published as local.im.server.<transport>.port. */
            private Integer port;

            /** Time without inbound traffic after which a connection is closed; overrides sense-mode. */
            private Duration idleTimeout;

            /** Heartbeat sense mode the clients use; selects the idle timeout unless idle-timeout is set. */
            private SenseMode senseMode;

            public boolean isEnabled() {
                return enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            public Integer getPort() {
                return port;
            }

            public void setPort(Integer port) {
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
        }

        /** What the stream gateways (TCP and WebSocket) have beyond every gateway's settings. */
        public abstract static class StreamGateway extends Gateway {

            /** Accept backlog. Default 4096. */
            private Integer backlog;

            private final Ssl ssl = new Ssl();

            public Integer getBacklog() {
                return backlog;
            }

            public void setBacklog(Integer backlog) {
                this.backlog = backlog;
            }

            public Ssl getSsl() {
                return ssl;
            }
        }

        /** The TCP gateway: default port 8901, idle timeout 20s. */
        public static class Tcp extends StreamGateway {

            /** Largest frame body accepted and written; larger inbound bodies get 52/303. Default 6144B. */
            private DataSize maxFrameLength;

            public DataSize getMaxFrameLength() {
                return maxFrameLength;
            }

            public void setMaxFrameLength(DataSize maxFrameLength) {
                this.maxFrameLength = maxFrameLength;
            }
        }

        /** The UDP gateway: default port 7901, idle timeout 10s; UDP has no TLS. */
        public static class Udp extends Gateway {

            /** Largest datagram accepted; larger ones get 52/303. Default 2048B. */
            private DataSize maxDatagramSize;

            /** Largest datagram the server writes; stock clients read into 1024 bytes. Default 1024B. */
            private DataSize maxOutboundDatagramSize;

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

        /** The WebSocket gateway: default port 3000, path /websocket, idle timeout 20s. */
        public static class WebSocket extends StreamGateway {

            /** Largest text message accepted and written; larger inbound ones get 52/303. Default 64KB. */
            private DataSize maxFrameSize;

            /** Path of the WebSocket upgrade. Default /websocket. */
            private String path;

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

        /** Per-connection inbound rate limit; types 1 and 3 are exempt. */
        public static class RateLimit {

            /** Sustained packets per second one connection may send. Default 100. */
            private Integer packetsPerSecond;

            /** Packets one connection may send in a burst above the sustained rate. Default 200. */
            private Integer burst;

            public Integer getPacketsPerSecond() {
                return packetsPerSecond;
            }

            public void setPacketsPerSecond(Integer packetsPerSecond) {
                this.packetsPerSecond = packetsPerSecond;
            }

            public Integer getBurst() {
                return burst;
            }

            public void setBurst(Integer burst) {
                this.burst = burst;
            }
        }

        /** The server's QoS: its send daemon, de-duplication and C2C acknowledgement. */
        public static class ServerQos extends Qos {

            /** Time a received (sender, fp) pair is remembered to drop duplicates. Default 10m. */
            private Duration dedupWindow;

            /** Most (sender, fp) pairs remembered; the oldest are evicted first. Default 100000. */
            private Integer dedupMaxEntries;

            /** When the sender of a QoS C2C message gets its ACK. Default receiver. */
            private C2cAckMode c2cAckMode;

            /** Receiver mode: wait for the receiver's ACK before the offline hand-off; below 13s. Default 10s. */
            private Duration receiverAckTimeout;

            public Duration getDedupWindow() {
                return dedupWindow;
            }

            public void setDedupWindow(Duration dedupWindow) {
                this.dedupWindow = dedupWindow;
            }

            public Integer getDedupMaxEntries() {
                return dedupMaxEntries;
            }

            public void setDedupMaxEntries(Integer dedupMaxEntries) {
                this.dedupMaxEntries = dedupMaxEntries;
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

    /** A send daemon's timing and bound (wire protocol section 9.2); unset values keep the side's defaults. */
    public abstract static class Qos {

        /** How often pending QoS packets are examined. Default 5s. */
        private Duration checkInterval;

        /** Age a pending packet must reach before it is re-sent. Default 2s on the server, 3s on clients. */
        private Duration minAge;

        /** Re-sends before a packet is reported lost. Default 1 on the server, 2 on clients. */
        private Integer maxRetries;

        /** Packets that may wait for an ACK at once; further QoS sends are refused. Default 100000. */
        private Integer maxPending;

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

        public Integer getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(Integer maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Integer getMaxPending() {
            return maxPending;
        }

        public void setMaxPending(Integer maxPending) {
            this.maxPending = maxPending;
        }
    }

    /** The embedded client manager and the defaults of its clients. */
    public static class Client {

        /** Whether to create the embedded client manager. */
        private boolean enabled = true;

        /** Host of the IM server. Default 127.0.0.1, the embedded server. */
        private String host;

        /** Port of the IM server. Default: with no host set, the embedded server's bound port; else 8901/7901/3000. */
        private Integer port;

        /** Transport the clients connect with. Default tcp. */
        private Transport transport;

        /** WebSocket upgrade path. Default /websocket. */
        private String websocketPath;

        /** Heartbeat sense mode. Default MODE_5S for TCP and WebSocket, MODE_3S for UDP. */
        private SenseMode senseMode;

        /** Interval between keep-alives; overrides sense-mode. */
        private Duration keepAliveInterval;

        /** Time without a keep-alive reply after which the link counts as lost; overrides sense-mode. */
        private Duration linkTimeout;

        /** Longest time to establish a connection. Default 5s. */
        private Duration connectTimeout;

        /** Longest time a login waits for the server's answer. Default 10s. */
        private Duration loginTimeout;

        /** What a send does while the client is not logged in. Default queue. */
        private SendWhileDisconnected sendWhileDisconnected;

        /** Sends that may wait for a login when send-while-disconnected is queue. Default 1000. */
        private Integer maxQueuedSends;

        /** Time a received (sender, fp) pair is remembered to drop duplicates. Default 10m. */
        private Duration dedupWindow;

        /** Most (sender, fp) pairs remembered; the oldest are evicted first. Default 100000. */
        private Integer dedupMaxEntries;

        /** Largest TCP frame body the clients read or write. Default 6144B. */
        private DataSize maxFrameLength;

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

        public Integer getMaxQueuedSends() {
            return maxQueuedSends;
        }

        public void setMaxQueuedSends(Integer maxQueuedSends) {
            this.maxQueuedSends = maxQueuedSends;
        }

        public Duration getDedupWindow() {
            return dedupWindow;
        }

        public void setDedupWindow(Duration dedupWindow) {
            this.dedupWindow = dedupWindow;
        }

        public Integer getDedupMaxEntries() {
            return dedupMaxEntries;
        }

        public void setDedupMaxEntries(Integer dedupMaxEntries) {
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

            /** First re-login delay. Default 3s for TCP and WebSocket, 2s for UDP. */
            private Duration initialDelay;

            /** Longest delay the doubling backoff reaches. Default 30s. */
            private Duration maxInterval;

            /** Random share, from 0 to 1, added to or taken from each delay. Default 0.2. */
            private Double jitter;

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

            public Double getJitter() {
                return jitter;
            }

            public void setJitter(Double jitter) {
                this.jitter = jitter;
            }
        }

        /** The clients' send daemon. */
        public static class ClientQos extends Qos {
        }

        /** TLS to the server (TCP and WebSocket); the server's certificate is verified unless trust-all is set. */
        public static class ClientSsl {

            /** Whether the embedded clients connect with TLS. */
            private boolean enabled;

            /** PEM certificate(s) to trust, e.g. classpath:im-ca.crt. Default: the JVM's trust store. */
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
