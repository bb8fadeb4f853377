package io.imstarter.client;

import io.imstarter.protocol.LoginResponse;
import io.netty.channel.EventLoopGroup;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Many embedded clients in one JVM, found by user id; what the Spring layer exposes as the embedded client
 * manager. Thread-safe.
 */
public final class ImClientManager implements AutoCloseable {

    public ImClientManager(ImClientConfig defaults, EventLoopGroup group, ScheduledExecutorService scheduler,
            Executor callbackExecutor) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Creates (or reuses) the user's client and logs it in. */
    public CompletableFuture<LoginResponse> login(String userId, String token, String extra) {
        throw new UnsupportedOperationException("in progress");
    }

    public Optional<ImClient> find(String userId) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Sends from a managed client; fails with {@link ImClientException} (code 203) when there is none. */
    public CompletableFuture<String> send(String fromUserId, String toUserId, String content, int typeu, boolean qos) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Logs the user's client out and removes it. */
    public CompletableFuture<Void> logout(String userId) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Every managed client's state, by user id. */
    public Map<String, ClientState> snapshot() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Receives the notifications of every managed client. */
    public void addListener(ImClientListener listener) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Closes every client. */
    public void closeAll() {
        throw new UnsupportedOperationException("in progress");
    }

    @Override
    public void close() {
        closeAll();
    }
}
