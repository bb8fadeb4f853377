package io.imstarter.client;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.UserIds;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Many embedded clients in one JVM, found by user id; what the Spring layer exposes as the embedded client
 * manager. Thread-safe.
 */
public final class ImClientManager implements AutoCloseable {

    /** The default bound on managed clients. */
    public static final int DEFAULT_MAX_CLIENTS = 10_000;

    private final ImClientConfig defaults;
    private final EventLoopGroup group;
    private final ScheduledExecutorService scheduler;
    private final Executor callbackExecutor;
    private final int maxClients;
    private final Map<String, ImClient> clients = new ConcurrentHashMap<>();
    private final ListenerList listeners = new ListenerList();

    public ImClientManager(ImClientConfig defaults, EventLoopGroup group, ScheduledExecutorService scheduler,
            Executor callbackExecutor) {
        this(defaults, group, scheduler, callbackExecutor, DEFAULT_MAX_CLIENTS);
    }

    /** As the four-argument constructor, refusing to manage more than {@code maxClients} clients at once. */
    public ImClientManager(ImClientConfig defaults, EventLoopGroup group, ScheduledExecutorService scheduler,
            Executor callbackExecutor, int maxClients) {
        Objects.requireNonNull(defaults, "defaults").validate();
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be at least 1, got " + maxClients);
        }
        this.defaults = defaults;
        this.group = Objects.requireNonNull(group, "group");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.callbackExecutor = Objects.requireNonNull(callbackExecutor, "callbackExecutor");
        this.maxClients = maxClients;
    }

    /** Creates (or reuses) the user's client and logs it in. */
    public CompletableFuture<LoginResponse> login(String userId, String token, String extra) {
        if (!UserIds.isLoginable(userId)) {
            return CompletableFuture.failedFuture(LinkStateMachine.unloginable(userId));
        }
        ImClient client;
        synchronized (clients) {
            client = clients.get(userId);
            if (client != null && client.state() == ClientState.CLOSED) {
                // Closed through find(); a login starts the user afresh.
                clients.remove(userId);
                client = null;
            }
            if (client == null) {
                if (clients.size() >= maxClients) {
                    return CompletableFuture.failedFuture(new ImClientException(ErrorCode.UNKNOWN_ERROR,
                            "Cannot log in " + userId + ": the manager already holds its maximum of " + maxClients
                                    + " clients"));
                }
                client = new ImClient(defaults, group, scheduler, callbackExecutor);
                // Each client calls this on its callback queue, so the manager's listeners see its events in order.
                client.addListener(listeners);
                clients.put(userId, client);
            }
        }
        ImClient created = client;
        return client.login(userId, token, extra).whenComplete((response, error) -> {
            if (error != null && created.state() == ClientState.DISCONNECTED) {
                // A client whose login failed outright holds nothing worth keeping.
                clients.remove(userId, created);
                created.close();
            }
        });
    }

    public Optional<ImClient> find(String userId) {
        return userId == null ? Optional.empty() : Optional.ofNullable(clients.get(userId));
    }

    /** Sends from a managed client; fails with {@link ImClientException} (code 203) when there is none. */
    public CompletableFuture<String> send(String fromUserId, String toUserId, String content, int typeu, boolean qos) {
        return find(fromUserId).map(client -> client.send(toUserId, content, typeu, qos))
                .orElseGet(() -> CompletableFuture.failedFuture(new ImClientException(ErrorCode.CLIENT_NOT_INITIALIZED,
                        "No managed client for " + fromUserId + "; log it in first")));
    }

    /** Logs the user's client out and removes it. */
    public CompletableFuture<Void> logout(String userId) {
        ImClient client = userId == null ? null : clients.remove(userId);
        if (client == null) {
            return CompletableFuture.completedFuture(null);
        }
        return client.logout().whenComplete((ignored, error) -> client.close());
    }

    /** Closes the user's client without a logout packet and removes it; false when there was none. */
    public boolean close(String userId) {
        ImClient client = userId == null ? null : clients.remove(userId);
        if (client == null) {
            return false;
        }
        client.close();
        return true;
    }

    /** Every managed client's state, by user id. */
    public Map<String, ClientState> snapshot() {
        Map<String, ClientState> states = new LinkedHashMap<>();
        clients.forEach((userId, client) -> states.put(userId, client.state()));
        return states;
    }

    /** How many clients are managed now. */
    public int size() {
        return clients.size();
    }

    /** Receives the notifications of every managed client. */
    public void addListener(ImClientListener listener) {
        listeners.add(listener);
    }

    /** Closes every client. */
    public void closeAll() {
        List<ImClient> closing;
        synchronized (clients) {
            closing = new ArrayList<>(clients.values());
            clients.clear();
        }
        closing.forEach(ImClient::close);
    }

    @Override
    public void close() {
        closeAll();
    }
}
