package io.imstarter.bench.scenario;

import io.imstarter.server.ImServer;
import java.util.concurrent.CompletableFuture;

/** Pushes with {@link ImServer#send} on a server running in the generator's process; completes on the ACK. */
final class InProcessPushDriver implements PushDriver {

    private final ImServer server;

    InProcessPushDriver(ImServer server) {
        this.server = server;
    }

    @Override
    public CompletableFuture<?> push(String userId, String content) {
        return server.send(userId, content, 0, true);
    }

    @Override
    public String latencyMeaning() {
        return "client-ack";
    }

    @Override
    public void close() {
        server.stop();
    }
}
