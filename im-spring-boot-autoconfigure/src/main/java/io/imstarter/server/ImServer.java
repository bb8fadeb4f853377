package io.imstarter.server;

import io.imstarter.protocol.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The IM server: TCP, UDP and WebSocket gateways sharing one session registry, one dispatcher and one set of
 * callbacks (wire protocol sections 5 to 10). Build it with {@link #builder(ImServerConfig)}, then
 * {@link #start()} and {@link #stop()}. Thread-safe.
 */
public final class ImServer {

    private ImServer(Builder builder) {
        throw new UnsupportedOperationException("in progress");
    }

    public static Builder builder(ImServerConfig config) {
        return new Builder(config);
    }

    /** Binds every enabled gateway; fails with {@link ImServerStartException} naming the port that could not bind. */
    public void start() {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Stops accepting, lets in-flight QoS settle for the configured grace period, closes every session and awaits
     * the event loops. Sessions closed here notify {@code LoggedOut(CONNECTION_CLOSED)}.
     */
    public void stop() {
        throw new UnsupportedOperationException("in progress");
    }

    public boolean isRunning() {
        throw new UnsupportedOperationException("in progress");
    }

    /** The bound port of a gateway, or -1 when it is disabled or not bound. */
    public int port(Transport transport) {
        throw new UnsupportedOperationException("in progress");
    }

    public boolean isBound(Transport transport) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Unbinds one gateway and closes its connections, leaving the others running. */
    public void stopGateway(Transport transport) {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Sends a type 2 from "0" to a user (S2C, section 9.6).
     *
     * @return completes with the fingerprint when the client ACKs (QoS) or the write succeeded (no QoS); fails with
     *     {@link S2CSendException} when the user is offline, the packet is too large, the write fails or QoS gives up
     */
    public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos) {
        return send(toUserId, content, typeu, qos, null);
    }

    /** As {@link #send(String, String, int, boolean)}, with the caller's fingerprint (a fresh one when null). */
    public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos, String fp) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Kicks a user (54 code 2 with the reason, then close); false when the user is not online. */
    public boolean kick(String userId, String reason) {
        throw new UnsupportedOperationException("in progress");
    }

    public Set<String> onlineUsers() {
        throw new UnsupportedOperationException("in progress");
    }

    public Optional<SessionInfo> session(String userId) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Logged-in sessions per transport. */
    public Map<Transport, Integer> sessionCounts() {
        throw new UnsupportedOperationException("in progress");
    }

    /** QoS packets waiting for an ACK: S2C plus C2C receiver legs. */
    public int pendingQos() {
        throw new UnsupportedOperationException("in progress");
    }

    public ImServerStats stats() {
        throw new UnsupportedOperationException("in progress");
    }

    public ImServerConfig config() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Assembles an {@link ImServer}; every strategy has a safe default. */
    public static final class Builder {

        private final ImServerConfig config;
        private LoginVerifier loginVerifier = LoginVerifier.ALLOW_ALL;
        private MessageInterceptor messageInterceptor = MessageInterceptor.ALLOW_ALL;
        private OfflineHandler offlineHandler = OfflineHandler.REFUSE_ALL;
        private final List<ImServerListener> listeners = new ArrayList<>();
        private final List<GatewayPipelineCustomizer> pipelineCustomizers = new ArrayList<>();

        private Builder(ImServerConfig config) {
            this.config = config;
        }

        public Builder loginVerifier(LoginVerifier loginVerifier) {
            this.loginVerifier = loginVerifier;
            return this;
        }

        public Builder messageInterceptor(MessageInterceptor messageInterceptor) {
            this.messageInterceptor = messageInterceptor;
            return this;
        }

        public Builder offlineHandler(OfflineHandler offlineHandler) {
            this.offlineHandler = offlineHandler;
            return this;
        }

        public Builder listener(ImServerListener listener) {
            listeners.add(listener);
            return this;
        }

        public Builder pipelineCustomizer(GatewayPipelineCustomizer customizer) {
            pipelineCustomizers.add(customizer);
            return this;
        }

        /** Validates the configuration and builds the server, which is not started yet. */
        public ImServer build() {
            config.validate();
            return new ImServer(this);
        }
    }
}
