package io.imstarter.server;

import io.imstarter.protocol.InvalidSettingException;
import io.imstarter.protocol.SenseMode;
import io.imstarter.protocol.Transport;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;

/** Settings of one transport's gateway (wire protocol section 5). Defaults are MobileIMSDK's. */
public final class GatewayConfig {

    public static final int DEFAULT_TCP_PORT = 8901;
    public static final int DEFAULT_UDP_PORT = 7901;
    public static final int DEFAULT_WEBSOCKET_PORT = 3000;
    /** The largest TCP frame body, both directions. */
    public static final int DEFAULT_TCP_MAX_FRAME_LENGTH = 6144;
    public static final int DEFAULT_UDP_MAX_INBOUND_SIZE = 2048;
    /** Stock UDP clients read into 1024 bytes. */
    public static final int DEFAULT_UDP_MAX_OUTBOUND_SIZE = 1024;
    /** The largest WebSocket text message, both directions. */
    public static final int DEFAULT_WEBSOCKET_MAX_FRAME_SIZE = 64 * 1024;
    /** The stock Java TCP and WebSocket clients' sense mode; its server idle timeout is 20 s. */
    public static final SenseMode DEFAULT_STREAM_SENSE_MODE = SenseMode.MODE_15S;
    /** The stock UDP client's sense mode; its server idle timeout is 10 s. */
    public static final SenseMode DEFAULT_UDP_SENSE_MODE = SenseMode.MODE_3S;
    public static final boolean DEFAULT_ENABLED = true;
    public static final int DEFAULT_BACKLOG = 4096;
    public static final String DEFAULT_WEBSOCKET_PATH = "/websocket";
    // Caps (issue 10). TCP and WebSocket hold one file descriptor per connection: 10,000 + 8,000 leave 2,000 of a
    // 20,000-descriptor process limit for the JVM, logs, the web server and connection pools. UDP peers hold no
    // descriptor, only about 600 bytes of heap each. One address may be a NAT or proxy of many users.
    public static final int DEFAULT_TCP_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_WEBSOCKET_MAX_CONNECTIONS = 8_000;
    public static final int DEFAULT_UDP_MAX_PEERS = 20_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1_000;
    /** Bytes of one oversized TCP body discarded before the connection is closed: ten stock-sized frames. */
    public static final int DEFAULT_TCP_MAX_DISCARD_BYTES = 64 * 1024;

    private final Transport transport;
    private boolean enabled = DEFAULT_ENABLED;
    private int port;
    private int maxInboundSize;
    private int maxOutboundSize;
    private Duration idleTimeout;
    private int backlog = DEFAULT_BACKLOG;
    private String path = DEFAULT_WEBSOCKET_PATH;
    private SslContext sslContext;
    private int maxConnections;
    private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    private int maxDiscardBytes = DEFAULT_TCP_MAX_DISCARD_BYTES;

    GatewayConfig(Transport transport) {
        this.transport = transport;
        this.idleTimeout = defaultSenseMode(transport).serverIdleTimeout(transport);
        this.maxConnections = switch (transport) {
            case TCP -> DEFAULT_TCP_MAX_CONNECTIONS;
            case UDP -> DEFAULT_UDP_MAX_PEERS;
            case WEBSOCKET -> DEFAULT_WEBSOCKET_MAX_CONNECTIONS;
        };
        switch (transport) {
            case TCP -> {
                port = DEFAULT_TCP_PORT;
                maxInboundSize = DEFAULT_TCP_MAX_FRAME_LENGTH;
                maxOutboundSize = DEFAULT_TCP_MAX_FRAME_LENGTH;
            }
            case UDP -> {
                port = DEFAULT_UDP_PORT;
                maxInboundSize = DEFAULT_UDP_MAX_INBOUND_SIZE;
                maxOutboundSize = DEFAULT_UDP_MAX_OUTBOUND_SIZE;
            }
            case WEBSOCKET -> {
                port = DEFAULT_WEBSOCKET_PORT;
                maxInboundSize = DEFAULT_WEBSOCKET_MAX_FRAME_SIZE;
                maxOutboundSize = DEFAULT_WEBSOCKET_MAX_FRAME_SIZE;
            }
        }
    }

    /** The sense mode whose server idle timeout is the transport's default idle timeout. */
    public static SenseMode defaultSenseMode(Transport transport) {
        return transport == Transport.UDP ? DEFAULT_UDP_SENSE_MODE : DEFAULT_STREAM_SENSE_MODE;
    }

    public Transport transport() {
        return transport;
    }

    public boolean enabled() {
        return enabled;
    }

    public GatewayConfig enabled(boolean enabled) {
        this.enabled = enabled;
        return this;
    }

    /** The port to bind; 0 binds an ephemeral port. */
    public int port() {
        return port;
    }

    public GatewayConfig port(int port) {
        this.port = port;
        return this;
    }

    /** The largest TCP body, UDP datagram or WebSocket message accepted, in bytes. */
    public int maxInboundSize() {
        return maxInboundSize;
    }

    public GatewayConfig maxInboundSize(int bytes) {
        this.maxInboundSize = bytes;
        return this;
    }

    /** The largest packet the server writes on this transport, in bytes. */
    public int maxOutboundSize() {
        return maxOutboundSize;
    }

    public GatewayConfig maxOutboundSize(int bytes) {
        this.maxOutboundSize = bytes;
        return this;
    }

    /** How long a connection may stay silent before the server closes it. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    public GatewayConfig idleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
        return this;
    }

    /** The TCP accept backlog (TCP and WebSocket). */
    public int backlog() {
        return backlog;
    }

    public GatewayConfig backlog(int backlog) {
        this.backlog = backlog;
        return this;
    }

    /** The WebSocket upgrade path. */
    public String path() {
        return path;
    }

    public GatewayConfig path(String path) {
        this.path = path;
        return this;
    }

    /** TLS for TCP or WebSocket, or null for plaintext. UDP has no TLS. */
    public SslContext sslContext() {
        return sslContext;
    }

    public GatewayConfig sslContext(SslContext sslContext) {
        this.sslContext = sslContext;
        return this;
    }

    /**
     * The most connections (UDP: peers in the table) this gateway holds; a newcomer beyond it is refused with 52/305,
     * except on UDP, where the oldest peer that has not logged in makes room for it.
     */
    public int maxConnections() {
        return maxConnections;
    }

    public GatewayConfig maxConnections(int max) {
        this.maxConnections = max;
        return this;
    }

    /** The most connections (UDP: peers) from one remote IP address; more are refused with 52/305. */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    public GatewayConfig maxConnectionsPerAddress(int max) {
        this.maxConnectionsPerAddress = max;
        return this;
    }

    /** TCP: bytes of one oversized body the server discards before it closes the connection. */
    public int maxDiscardBytes() {
        return maxDiscardBytes;
    }

    public GatewayConfig maxDiscardBytes(int bytes) {
        this.maxDiscardBytes = bytes;
        return this;
    }

    /** @throws InvalidSettingException naming the setting under the transport's key, e.g. {@code tcp.port} */
    void validate() {
        String prefix = transport.key() + ".";
        if (port < 0 || port > 65535) {
            throw new InvalidSettingException(prefix + "port", port, "must be between 0 and 65535");
        }
        InvalidSettingException.requireAtLeast(prefix + "maxInboundSize", 64, maxInboundSize);
        InvalidSettingException.requireAtLeast(prefix + "maxOutboundSize", 64, maxOutboundSize);
        InvalidSettingException.requirePositive(prefix + "idleTimeout", idleTimeout);
        InvalidSettingException.requireAtLeast(prefix + "maxConnections", 1, maxConnections);
        InvalidSettingException.requireAtLeast(prefix + "maxConnectionsPerAddress", 1, maxConnectionsPerAddress);
        InvalidSettingException.requireAtLeast(prefix + "maxDiscardBytes", 0, maxDiscardBytes);
        if (transport == Transport.UDP && sslContext != null) {
            throw new InvalidSettingException(prefix + "sslContext", sslContext, "must be null: UDP has no TLS");
        }
        if (transport == Transport.WEBSOCKET && (path == null || !path.startsWith("/"))) {
            throw new InvalidSettingException(prefix + "path", path, "must start with '/'");
        }
    }
}
