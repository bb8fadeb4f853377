package io.imstarter.bench.scenario;

import io.imstarter.bench.client.LeanConnection;
import io.imstarter.bench.client.LoadClients;
import io.imstarter.bench.client.PacketListener;
import io.imstarter.bench.client.Target;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Connect-then-login, the first step of every scenario; a failed login closes its connection. */
final class Logins {

    private Logins() {
    }

    /** Completes with the logged-in connection, or fails when connecting, the login or its timeout fails. */
    static CompletableFuture<LeanConnection> open(LoadClients clients, GeneratorSettings settings, String userId,
            String extra, PacketListener listener) {
        return open(clients, settings.target(), settings, userId, extra, listener);
    }

    /** The same at {@code server} rather than the settings' target (the other node of a cluster). */
    static CompletableFuture<LeanConnection> open(LoadClients clients, Target server, GeneratorSettings settings,
            String userId, String extra, PacketListener listener) {
        return clients.connect(server, listener).thenCompose(connection -> connection
                .login(userId, settings.tokens().tokenFor(userId), extra)
                .orTimeout(settings.loginTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((answer, failure) -> {
                    if (failure == null && answer.accepted()) {
                        return CompletableFuture.completedFuture(connection);
                    }
                    connection.close();
                    return CompletableFuture.<LeanConnection>failedFuture(failure != null ? failure
                            : new IllegalStateException("Login of " + userId + " refused with code " + answer.code()));
                })
                .thenCompose(result -> result));
    }
}
