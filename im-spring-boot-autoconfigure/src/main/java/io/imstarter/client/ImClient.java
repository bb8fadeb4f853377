package io.imstarter.client;

import io.imstarter.protocol.LoginResponse;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One embedded IM client: one user's session with keep-alive, automatic re-login with backoff and its own QoS
 * (wire protocol sections 6.4, 8 and 9.6). Instance state only; many live in one JVM, sharing the event loop group,
 * scheduler and callback executor their owner hands in (and closes). Thread-safe.
 */
public final class ImClient implements AutoCloseable {

    public ImClient(ImClientConfig config, EventLoopGroup group, ScheduledExecutorService scheduler,
            Executor callbackExecutor) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Connects and logs in; the future completes with the server's answer, or fails with {@link ImClientException}. */
    public CompletableFuture<LoginResponse> login(String userId, String token, String extra) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Sends a QoS message; completes with the fingerprint on ACK, fails with {@link ImClientException} when lost. */
    public CompletableFuture<String> send(String toUserId, String content, int typeu) {
        return send(toUserId, content, typeu, true);
    }

    /** Sends a message; without QoS the future completes with null once written. */
    public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos) {
        throw new UnsupportedOperationException("in progress");
    }

    public void addListener(ImClientListener listener) {
        throw new UnsupportedOperationException("in progress");
    }

    public ClientState state() {
        throw new UnsupportedOperationException("in progress");
    }

    /** The user id of the last login call, or null before one. */
    public String userId() {
        throw new UnsupportedOperationException("in progress");
    }

    /** The firstLoginTime kept from the first successful login, or 0 before one. */
    public long firstLoginTime() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Sends type 3, stops keep-alive and re-login, and closes the link. */
    public CompletableFuture<Void> logout() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Releases everything this client holds; the shared event loop group stays open. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("in progress");
    }
}
