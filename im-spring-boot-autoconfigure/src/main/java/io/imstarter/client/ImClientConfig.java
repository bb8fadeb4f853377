package io.imstarter.client;

import io.imstarter.protocol.InvalidSettingException;
import io.imstarter.protocol.SenseMode;
import io.imstarter.protocol.Transport;
import io.imstarter.qos.DedupWindow;
import io.imstarter.qos.QosSettings;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Settings of an embedded client; plain Java, filled from {@code im.client.*} by the Spring layer. The
 * {@code DEFAULT_*} constants are the one place each default is written.
 */
public final class ImClientConfig {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The stock TCP port of a MobileIMSDK server. */
    public static final int DEFAULT_PORT = 8901;
    public static final Transport DEFAULT_TRANSPORT = Transport.TCP;
    public static final String DEFAULT_WEBSOCKET_PATH = "/websocket";
    public static final Duration DEFAULT_RELOGIN_MAX_INTERVAL = Duration.ofSeconds(30);
    public static final double DEFAULT_RELOGIN_JITTER = 0.2;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(10);
    public static final SendWhileDisconnected DEFAULT_SEND_WHILE_DISCONNECTED = SendWhileDisconnected.QUEUE;
    public static final int DEFAULT_MAX_QUEUED_SENDS = 1000;
    public static final int DEFAULT_MAX_FRAME_LENGTH = 6144;
    /** The default of {@link #maxUnhandledMessages()}. */
    public static final int DEFAULT_MAX_UNHANDLED_MESSAGES = 1000;

    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private IntSupplier portResolver;
    private List<ServerAddress> servers;
    private Transport transport = DEFAULT_TRANSPORT;
    private String websocketPath = DEFAULT_WEBSOCKET_PATH;
    private SslContext sslContext;
    private SenseMode senseMode;
    private Duration keepAliveInterval;
    private Duration linkTimeout;
    private Duration reloginInitialDelay;
    private Duration reloginMaxInterval = DEFAULT_RELOGIN_MAX_INTERVAL;
    private double reloginJitter = DEFAULT_RELOGIN_JITTER;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration loginTimeout = DEFAULT_LOGIN_TIMEOUT;
    private QosSettings qos = QosSettings.CLIENT_DEFAULTS;
    private Duration dedupWindow = DedupWindow.DEFAULT_WINDOW;
    private int dedupMaxEntries = DedupWindow.DEFAULT_MAX_ENTRIES;
    private SendWhileDisconnected sendWhileDisconnected = DEFAULT_SEND_WHILE_DISCONNECTED;
    private int maxQueuedSends = DEFAULT_MAX_QUEUED_SENDS;
    private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
    private int maxUnhandledMessages = DEFAULT_MAX_UNHANDLED_MESSAGES;

    /** A copy, so that a manager can hand each client its own settings. */
    public ImClientConfig copy() {
        ImClientConfig copy = new ImClientConfig();
        copy.host = host;
        copy.port = port;
        copy.portResolver = portResolver;
        copy.servers = servers;
        copy.transport = transport;
        copy.websocketPath = websocketPath;
        copy.sslContext = sslContext;
        copy.senseMode = senseMode;
        copy.keepAliveInterval = keepAliveInterval;
        copy.linkTimeout = linkTimeout;
        copy.reloginInitialDelay = reloginInitialDelay;
        copy.reloginMaxInterval = reloginMaxInterval;
        copy.reloginJitter = reloginJitter;
        copy.connectTimeout = connectTimeout;
        copy.loginTimeout = loginTimeout;
        copy.qos = qos;
        copy.dedupWindow = dedupWindow;
        copy.dedupMaxEntries = dedupMaxEntries;
        copy.sendWhileDisconnected = sendWhileDisconnected;
        copy.maxQueuedSends = maxQueuedSends;
        copy.maxFrameLength = maxFrameLength;
        copy.maxUnhandledMessages = maxUnhandledMessages;
        return copy;
    }

    public String host() {
        return host;
    }

    public ImClientConfig host(String host) {
        this.host = host;
        return this;
    }

    /** The server port: the resolver's answer when one is set, else the fixed port. */
    public int port() {
        return portResolver != null ? portResolver.getAsInt() : port;
    }

    public ImClientConfig port(int port) {
        this.port = port;
        this.portResolver = null;
        return this;
    }

    /**
     * Resolves the port each time a client connects instead of fixing it now, e.g. the bound port of an embedded
     * server that starts after this config is built.
     */
    public ImClientConfig port(IntSupplier resolver) {
        this.portResolver = resolver;
        return this;
    }

    /**
     * The servers to connect to, in order of preference: the list set by {@link #servers(List)}, else the one
     * {@link #host()} and {@link #port()} name (its port resolved now).
     */
    public List<ServerAddress> servers() {
        return servers != null ? servers : List.of(new ServerAddress(host, port()));
    }

    /** How many {@link #servers()} there are, without resolving a port. */
    public int serverCount() {
        return servers != null ? servers.size() : 1;
    }

    /**
     * Several equivalent servers (a cluster's nodes): the client logs in on the first that answers, trying them in
     * this order, and when its link is lost or a re-login fails it moves on to the next, wrapping round. Each
     * re-login attempt, to whichever server, waits its own re-login delay, so that clients leaving a dead server
     * together reach the next one spread out. When set, it wins over {@link #host(String)} and {@link #port(int)};
     * null goes back to them.
     */
    public ImClientConfig servers(List<ServerAddress> servers) {
        this.servers = servers == null ? null : List.copyOf(servers);
        return this;
    }

    public Transport transport() {
        return transport;
    }

    public ImClientConfig transport(Transport transport) {
        this.transport = transport;
        return this;
    }

    public String websocketPath() {
        return websocketPath;
    }

    public ImClientConfig websocketPath(String path) {
        this.websocketPath = path;
        return this;
    }

    /** TLS for TCP or WebSocket, or null for plaintext; it verifies the server unless built to trust all. */
    public SslContext sslContext() {
        return sslContext;
    }

    public ImClientConfig sslContext(SslContext sslContext) {
        this.sslContext = sslContext;
        return this;
    }

    /** The sense mode; MODE_5S for TCP and WebSocket, MODE_3S for UDP when not set. */
    public SenseMode senseMode() {
        if (senseMode != null) {
            return senseMode;
        }
        return transport == Transport.UDP ? SenseMode.MODE_3S : SenseMode.MODE_5S;
    }

    public ImClientConfig senseMode(SenseMode senseMode) {
        this.senseMode = senseMode;
        return this;
    }

    /** The keep-alive interval: an explicit override, else the sense mode's. */
    public Duration keepAliveInterval() {
        return keepAliveInterval != null ? keepAliveInterval : senseMode().keepAliveInterval();
    }

    public ImClientConfig keepAliveInterval(Duration interval) {
        this.keepAliveInterval = interval;
        return this;
    }

    /** How long without a keep-alive reply before the link counts as lost: an override, else the sense mode's. */
    public Duration linkTimeout() {
        return linkTimeout != null ? linkTimeout : senseMode().clientTimeout(transport);
    }

    public ImClientConfig linkTimeout(Duration timeout) {
        this.linkTimeout = timeout;
        return this;
    }

    /** The first re-login delay: an override, else 3 s for TCP and WebSocket, 2 s for UDP (MobileIMSDK's). */
    public Duration reloginInitialDelay() {
        if (reloginInitialDelay != null) {
            return reloginInitialDelay;
        }
        return transport == Transport.UDP ? Duration.ofSeconds(2) : Duration.ofSeconds(3);
    }

    public ImClientConfig reloginInitialDelay(Duration delay) {
        this.reloginInitialDelay = delay;
        return this;
    }

    /** The longest re-login delay the doubling backoff reaches. */
    public Duration reloginMaxInterval() {
        return reloginMaxInterval;
    }

    public ImClientConfig reloginMaxInterval(Duration interval) {
        this.reloginMaxInterval = interval;
        return this;
    }

    /** The random share added to or taken from each re-login delay, from 0 to 1. */
    public double reloginJitter() {
        return reloginJitter;
    }

    public ImClientConfig reloginJitter(double jitter) {
        this.reloginJitter = jitter;
        return this;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public ImClientConfig connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** How long a login waits for its type 50. */
    public Duration loginTimeout() {
        return loginTimeout;
    }

    public ImClientConfig loginTimeout(Duration timeout) {
        this.loginTimeout = timeout;
        return this;
    }

    public QosSettings qos() {
        return qos;
    }

    public ImClientConfig qos(QosSettings qos) {
        this.qos = qos;
        return this;
    }

    public Duration dedupWindow() {
        return dedupWindow;
    }

    public ImClientConfig dedupWindow(Duration window) {
        this.dedupWindow = window;
        return this;
    }

    public int dedupMaxEntries() {
        return dedupMaxEntries;
    }

    public ImClientConfig dedupMaxEntries(int max) {
        this.dedupMaxEntries = max;
        return this;
    }

    public SendWhileDisconnected sendWhileDisconnected() {
        return sendWhileDisconnected;
    }

    public ImClientConfig sendWhileDisconnected(SendWhileDisconnected policy) {
        this.sendWhileDisconnected = policy;
        return this;
    }

    /** Sends that may wait for a login when {@link SendWhileDisconnected#QUEUE} is chosen. */
    public int maxQueuedSends() {
        return maxQueuedSends;
    }

    public ImClientConfig maxQueuedSends(int max) {
        this.maxQueuedSends = max;
        return this;
    }

    /** The largest TCP frame body the client reads or writes. */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    public ImClientConfig maxFrameLength(int bytes) {
        this.maxFrameLength = bytes;
        return this;
    }

    /**
     * Received messages that may wait for the application or be in its hands at once; beyond this a message is
     * neither handled nor ACKed, so its sender (or the server) re-sends or stores it.
     */
    public int maxUnhandledMessages() {
        return maxUnhandledMessages;
    }

    public ImClientConfig maxUnhandledMessages(int max) {
        this.maxUnhandledMessages = max;
        return this;
    }

    /** @throws InvalidSettingException naming the setting (e.g. {@code reloginJitter}) when a value is impossible */
    public void validate() {
        if (servers != null && servers.isEmpty()) {
            throw new InvalidSettingException("servers", servers, "must name at least one server as host:port");
        }
        if (servers == null && (host == null || host.isBlank())) {
            throw new InvalidSettingException("host", host, "must be set (error 205: server address not set)");
        }
        if (servers == null && portResolver == null && (port < 1 || port > 65535)) {
            throw new InvalidSettingException("port", port, "must be between 1 and 65535");
        }
        if (transport == null) {
            throw new InvalidSettingException("transport", null, "must be TCP, UDP or WEBSOCKET");
        }
        if (transport == Transport.WEBSOCKET && (websocketPath == null || !websocketPath.startsWith("/"))) {
            throw new InvalidSettingException("websocketPath", websocketPath, "must start with '/'");
        }
        if (transport == Transport.UDP && sslContext != null) {
            throw new InvalidSettingException("sslContext", sslContext, "must be null: UDP has no TLS");
        }
        if (!senseMode().supports(transport)) {
            throw new InvalidSettingException("senseMode", senseMode, "is not defined for " + transport);
        }
        if (keepAliveInterval().compareTo(linkTimeout()) >= 0) {
            throw new InvalidSettingException("keepAliveInterval", keepAliveInterval(),
                    "must be shorter than the link timeout " + linkTimeout());
        }
        if (reloginJitter < 0 || reloginJitter > 1) {
            throw new InvalidSettingException("reloginJitter", reloginJitter, "must be between 0 and 1");
        }
        if (reloginInitialDelay().compareTo(reloginMaxInterval) > 0) {
            throw new InvalidSettingException("reloginInitialDelay", reloginInitialDelay(),
                    "must not exceed the relogin max interval " + reloginMaxInterval);
        }
        InvalidSettingException.requirePositive("connectTimeout", connectTimeout);
        InvalidSettingException.requirePositive("loginTimeout", loginTimeout);
        InvalidSettingException.requirePositive("dedupWindow", dedupWindow);
        InvalidSettingException.requireAtLeast("dedupMaxEntries", 1, dedupMaxEntries);
        if (qos == null) {
            throw new InvalidSettingException("qos", null, "must be set");
        }
        if (sendWhileDisconnected == null) {
            throw new InvalidSettingException("sendWhileDisconnected", null, "must be QUEUE or FAIL_FAST");
        }
        InvalidSettingException.requireAtLeast("maxFrameLength", 64, maxFrameLength);
        InvalidSettingException.requireAtLeast("maxQueuedSends", 0, maxQueuedSends);
        InvalidSettingException.requireAtLeast("maxUnhandledMessages", 1, maxUnhandledMessages);
    }
}
