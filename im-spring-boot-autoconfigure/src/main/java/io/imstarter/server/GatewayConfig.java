package io.imstarter.server;

import io.imstarter.protocol.Transport;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;

/** Settings of one transport's gateway (wire protocol section 5). Defaults are MobileIMSDK's. */
public final class GatewayConfig {

    private final Transport transport;
    private boolean enabled = true;
    private int port;
    private int maxInboundSize;
    private int maxOutboundSize;
    private Duration idleTimeout;
    private int backlog = 4096;
    private String path = "/websocket";
    private SslContext sslContext;

    GatewayConfig(Transport transport) {
        this.transport = transport;
        switch (transport) {
            case TCP -> {
                port = 8901;
                maxInboundSize = 6144;
                maxOutboundSize = 6144;
                idleTimeout = Duration.ofSeconds(20);
            }
            case UDP -> {
                port = 7901;
                maxInboundSize = 2048;
                maxOutboundSize = 1024;
                idleTimeout = Duration.ofSeconds(10);
            }
            case WEBSOCKET -> {
                port = 3000;
                maxInboundSize = 64 * 1024;
                maxOutboundSize = 64 * 1024;
                idleTimeout = Duration.ofSeconds(20);
            }
        }
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

    void validate() {
        String prefix = "im.server." + transport.key() + ".";
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(prefix + "port must be between 0 and 65535, got " + port);
        }
        if (maxInboundSize < 64) {
            throw new IllegalArgumentException(prefix + "max inbound size must be at least 64 bytes, got "
                    + maxInboundSize);
        }
        if (maxOutboundSize < 64) {
            throw new IllegalArgumentException(prefix + "max outbound size must be at least 64 bytes, got "
                    + maxOutboundSize);
        }
        if (idleTimeout == null || idleTimeout.isZero() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException(prefix + "idle-timeout must be positive, got " + idleTimeout);
        }
        if (transport == Transport.UDP && sslContext != null) {
            throw new IllegalArgumentException("UDP has no TLS; remove the SSL settings of im.server.udp");
        }
        if (transport == Transport.WEBSOCKET && (path == null || !path.startsWith("/"))) {
            throw new IllegalArgumentException(prefix + "path must start with '/', got " + path);
        }
    }
}
