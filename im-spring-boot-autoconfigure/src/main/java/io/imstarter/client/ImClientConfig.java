package io.imstarter.client;

import io.imstarter.protocol.DataSize;
import io.imstarter.protocol.InvalidSettingException;
import io.imstarter.protocol.SenseMode;
import io.imstarter.protocol.Transport;
import io.imstarter.qos.QosSettings;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Settings of an embedded client, bound from {@code im.client.*} by the Spring edge or set in plain Java. Each field's
 * initializer is its default and its javadoc the property's description; the setters return the object they set.
 * Clients read it as they go, so it must not change once a client or manager is built from it.
 */
public class ImClientConfig {

    /** Host of the IM server, unless servers is set; the default is where the embedded server listens. */
    private String host = "127.0.0.1";

    /**
     * Port of the IM server, unless servers is set; when unset, the embedded server's bound port if the host is the
     * default and the server runs, else the transport's stock port (8901, 7901 or 3000).
     */
    private Integer port;

    /**
     * Servers to fail over between, as host:port ([ipv6]:port) in order of preference; wins over host and port. A
     * client logs in on the first that answers and moves to the next on a lost link or failed re-login.
     */
    private List<String> servers;

    /** Transport the clients connect with. */
    private Transport transport = Transport.TCP;

    /** WebSocket upgrade path. */
    private String websocketPath = "/websocket";

    /** Heartbeat sense mode; MODE_5S for TCP and WebSocket, MODE_3S for UDP when unset. */
    private SenseMode senseMode;

    /** Interval between keep-alives; overrides sense-mode. */
    private Duration keepAliveInterval;

    /** Time without a keep-alive reply after which the link counts as lost; overrides sense-mode. */
    private Duration linkTimeout;

    /** Longest time to establish a connection. */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** Longest time a login waits for the server's answer. */
    private Duration loginTimeout = Duration.ofSeconds(10);

    /** What a send does while the client is not logged in. */
    private SendWhileDisconnected sendWhileDisconnected = SendWhileDisconnected.QUEUE;

    /** Sends that may wait for a login when send-while-disconnected is queue. */
    private int maxQueuedSends = 1000;

    /** Received messages that may wait for the application; past it a message is not ACKed, so it is re-sent. */
    private int maxUnhandledMessages = 1000;

    /** Time a received (sender, fp) pair is remembered to drop duplicates. */
    private Duration dedupWindow = Duration.ofMinutes(10);

    /** Most (sender, fp) pairs remembered; the oldest are evicted first. */
    private int dedupMaxEntries = 100_000;

    /** Largest TCP frame body the clients read or write. */
    private DataSize maxFrameLength = DataSize.ofBytes(6144);

    private final Relogin relogin = new Relogin();

    private final Qos qos = new Qos();

    private final Ssl ssl = new Ssl();

    private IntSupplier portResolver;

    private SslContext sslContext;

    public String getHost() {
        return host;
    }

    public ImClientConfig setHost(String host) {
        this.host = host;
        return this;
    }

    public Integer getPort() {
        return port;
    }

    public ImClientConfig setPort(Integer port) {
        this.port = port;
        return this;
    }

    /**
     * Resolves the port each time a client connects, instead of the port set, e.g. the bound port of an embedded
     * server that starts after this config is built.
     */
    public ImClientConfig portResolver(IntSupplier resolver) {
        this.portResolver = resolver;
        return this;
    }

    /** The port to connect to: the resolver's answer, else the port set, else the transport's stock port. */
    public int effectivePort() {
        if (portResolver != null) {
            return portResolver.getAsInt();
        }
        if (port != null) {
            return port;
        }
        return switch (transport) {
            case TCP -> 8901;
            case UDP -> 7901;
            case WEBSOCKET -> 3000;
        };
    }

    public List<String> getServers() {
        return servers;
    }

    /**
     * Several equivalent servers (a cluster's nodes): the client logs in on the first that answers, trying them in
     * this order, and when its link is lost or a re-login fails it moves on to the next, wrapping round. Each
     * re-login attempt, to whichever server, waits its own re-login delay, so that clients leaving a dead server
     * together reach the next one spread out. When set, it wins over host and port; null goes back to them.
     */
    public ImClientConfig setServers(List<String> servers) {
        this.servers = servers == null ? null : List.copyOf(servers);
        return this;
    }

    /**
     * The servers to connect to, in order of preference: the servers set, else the one host and port name (its port
     * resolved now).
     */
    public List<ServerAddress> serverAddresses() {
        return servers == null ? List.of(new ServerAddress(host, effectivePort())) : parsedServers();
    }

    private List<ServerAddress> parsedServers() {
        List<ServerAddress> addresses = new ArrayList<>(servers.size());
        for (int i = 0; i < servers.size(); i++) {
            String entry = servers.get(i);
            try {
                addresses.add(ServerAddress.parse(entry));
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidSettingException("servers[" + i + "]", entry, ex.getMessage());
            }
        }
        return addresses;
    }

    /** How many servers there are, without resolving a port. */
    public int serverCount() {
        return servers != null ? servers.size() : 1;
    }

    public Transport getTransport() {
        return transport;
    }

    public ImClientConfig setTransport(Transport transport) {
        this.transport = transport;
        return this;
    }

    public String getWebsocketPath() {
        return websocketPath;
    }

    public ImClientConfig setWebsocketPath(String websocketPath) {
        this.websocketPath = websocketPath;
        return this;
    }

    public SenseMode getSenseMode() {
        return senseMode;
    }

    public ImClientConfig setSenseMode(SenseMode senseMode) {
        this.senseMode = senseMode;
        return this;
    }

    /** The sense mode set, else MODE_5S for TCP and WebSocket and MODE_3S for UDP. */
    public SenseMode effectiveSenseMode() {
        if (senseMode != null) {
            return senseMode;
        }
        return transport == Transport.UDP ? SenseMode.MODE_3S : SenseMode.MODE_5S;
    }

    public Duration getKeepAliveInterval() {
        return keepAliveInterval;
    }

    public ImClientConfig setKeepAliveInterval(Duration keepAliveInterval) {
        this.keepAliveInterval = keepAliveInterval;
        return this;
    }

    /** The keep-alive interval: the one set, else the sense mode's. */
    public Duration effectiveKeepAliveInterval() {
        return keepAliveInterval != null ? keepAliveInterval : effectiveSenseMode().keepAliveInterval();
    }

    public Duration getLinkTimeout() {
        return linkTimeout;
    }

    public ImClientConfig setLinkTimeout(Duration linkTimeout) {
        this.linkTimeout = linkTimeout;
        return this;
    }

    /** How long without a keep-alive reply before the link counts as lost: the one set, else the sense mode's. */
    public Duration effectiveLinkTimeout() {
        return linkTimeout != null ? linkTimeout : effectiveSenseMode().clientTimeout(transport);
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public ImClientConfig setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return this;
    }

    public Duration getLoginTimeout() {
        return loginTimeout;
    }

    public ImClientConfig setLoginTimeout(Duration loginTimeout) {
        this.loginTimeout = loginTimeout;
        return this;
    }

    public SendWhileDisconnected getSendWhileDisconnected() {
        return sendWhileDisconnected;
    }

    public ImClientConfig setSendWhileDisconnected(SendWhileDisconnected sendWhileDisconnected) {
        this.sendWhileDisconnected = sendWhileDisconnected;
        return this;
    }

    public int getMaxQueuedSends() {
        return maxQueuedSends;
    }

    public ImClientConfig setMaxQueuedSends(int maxQueuedSends) {
        this.maxQueuedSends = maxQueuedSends;
        return this;
    }

    public int getMaxUnhandledMessages() {
        return maxUnhandledMessages;
    }

    public ImClientConfig setMaxUnhandledMessages(int maxUnhandledMessages) {
        this.maxUnhandledMessages = maxUnhandledMessages;
        return this;
    }

    public Duration getDedupWindow() {
        return dedupWindow;
    }

    public ImClientConfig setDedupWindow(Duration dedupWindow) {
        this.dedupWindow = dedupWindow;
        return this;
    }

    public int getDedupMaxEntries() {
        return dedupMaxEntries;
    }

    public ImClientConfig setDedupMaxEntries(int dedupMaxEntries) {
        this.dedupMaxEntries = dedupMaxEntries;
        return this;
    }

    public DataSize getMaxFrameLength() {
        return maxFrameLength;
    }

    public ImClientConfig setMaxFrameLength(DataSize maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
        return this;
    }

    /** The largest TCP frame body, in bytes. */
    public int maxFrameBytes() {
        return Math.toIntExact(maxFrameLength.toBytes());
    }

    public Relogin getRelogin() {
        return relogin;
    }

    public Qos getQos() {
        return qos;
    }

    public Ssl getSsl() {
        return ssl;
    }

    /** TLS for TCP or WebSocket, or null for plaintext; the Spring edge builds it from {@code ssl}. */
    public SslContext sslContext() {
        return sslContext;
    }

    public ImClientConfig sslContext(SslContext sslContext) {
        this.sslContext = sslContext;
        return this;
    }

    /**
     * @throws InvalidSettingException naming the setting by its path below {@code im.client} (e.g.
     *     {@code relogin.jitter}) when a value is impossible
     */
    public void validate() {
        if (servers != null && servers.isEmpty()) {
            throw new InvalidSettingException("servers", servers, "must name at least one server as host:port");
        }
        if (servers == null && (host == null || host.isBlank())) {
            throw new InvalidSettingException("host", host, "must be set (error 205: server address not set)");
        }
        if (servers == null && portResolver == null && port != null && (port < 1 || port > 65535)) {
            throw new InvalidSettingException("port", port, "must be between 1 and 65535");
        }
        if (servers != null) {
            parsedServers();
        }
        InvalidSettingException.requireSet("transport", transport);
        if (transport == Transport.WEBSOCKET && (websocketPath == null || !websocketPath.startsWith("/"))) {
            throw new InvalidSettingException("websocket-path", websocketPath, "must start with '/'");
        }
        if (transport == Transport.UDP && (sslContext != null || ssl.isEnabled())) {
            throw new InvalidSettingException("ssl.enabled", true, "must be false: UDP has no TLS");
        }
        if (!effectiveSenseMode().supports(transport)) {
            throw new InvalidSettingException("sense-mode", senseMode, "is not defined for " + transport);
        }
        if (effectiveKeepAliveInterval().compareTo(effectiveLinkTimeout()) >= 0) {
            throw new InvalidSettingException("keep-alive-interval", effectiveKeepAliveInterval(),
                    "must be shorter than the link timeout " + effectiveLinkTimeout());
        }
        relogin.validate(transport);
        InvalidSettingException.requirePositive("connect-timeout", connectTimeout);
        InvalidSettingException.requirePositive("login-timeout", loginTimeout);
        InvalidSettingException.requirePositive("dedup-window", dedupWindow);
        InvalidSettingException.requireAtLeast("dedup-max-entries", 1, dedupMaxEntries);
        qos.validate("qos.");
        InvalidSettingException.requireSet("send-while-disconnected", sendWhileDisconnected);
        InvalidSettingException.requireBytes("max-frame-length", 64, maxFrameLength);
        InvalidSettingException.requireAtLeast("max-queued-sends", 0, maxQueuedSends);
        InvalidSettingException.requireAtLeast("max-unhandled-messages", 1, maxUnhandledMessages);
    }

    /** Automatic re-login after a lost link: doubling delays with jitter. */
    public static class Relogin {

        /** First re-login delay; 3s for TCP and WebSocket, 2s for UDP (MobileIMSDK's) when unset. */
        private Duration initialDelay;

        /** Longest delay the doubling backoff reaches. */
        private Duration maxInterval = Duration.ofSeconds(30);

        /** Random share, from 0 to 1, added to or taken from each delay. */
        private double jitter = 0.2;

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public Relogin setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
            return this;
        }

        /** The first re-login delay: the one set, else the transport's. */
        public Duration effectiveInitialDelay(Transport transport) {
            if (initialDelay != null) {
                return initialDelay;
            }
            return transport == Transport.UDP ? Duration.ofSeconds(2) : Duration.ofSeconds(3);
        }

        public Duration getMaxInterval() {
            return maxInterval;
        }

        public Relogin setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
            return this;
        }

        public double getJitter() {
            return jitter;
        }

        public Relogin setJitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        void validate(Transport transport) {
            if (jitter < 0 || jitter > 1) {
                throw new InvalidSettingException("relogin.jitter", jitter, "must be between 0 and 1");
            }
            InvalidSettingException.requirePositive("relogin.max-interval", maxInterval);
            if (effectiveInitialDelay(transport).compareTo(maxInterval) > 0) {
                throw new InvalidSettingException("relogin.initial-delay", effectiveInitialDelay(transport),
                        "must not exceed the relogin max interval " + maxInterval);
            }
        }
    }

    /** The clients' send daemon. */
    public static class Qos extends QosSettings {

        /** Age a pending packet must reach before it is re-sent. */
        private Duration minAge = Duration.ofSeconds(3);

        /** Re-sends before a packet is reported lost. */
        private int maxRetries = 2;

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
    }

    /** TLS to the server (TCP and WebSocket); the server's certificate is verified unless trust-all is set. */
    public static class Ssl {

        /** Whether the embedded clients connect with TLS. */
        private boolean enabled;

        /** PEM certificate(s) to trust, e.g. classpath:im-ca.crt; the JVM's trust store when unset. */
        private String trustCertificate;

        /** Whether to trust any server certificate; for tests only, it disables server authentication. */
        private boolean trustAll;

        public boolean isEnabled() {
            return enabled;
        }

        public Ssl setEnabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public String getTrustCertificate() {
            return trustCertificate;
        }

        public Ssl setTrustCertificate(String trustCertificate) {
            this.trustCertificate = trustCertificate;
            return this;
        }

        public boolean isTrustAll() {
            return trustAll;
        }

        public Ssl setTrustAll(boolean trustAll) {
            this.trustAll = trustAll;
            return this;
        }
    }
}
