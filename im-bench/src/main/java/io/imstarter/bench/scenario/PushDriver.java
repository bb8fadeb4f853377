package io.imstarter.bench.scenario;

import java.util.concurrent.CompletableFuture;

/** Makes the server push one S2C message; completes when the push call finished, fails when it failed. */
interface PushDriver extends AutoCloseable {

    CompletableFuture<?> push(String userId, String content);

    /** What the push latency measures, for the report. */
    String latencyMeaning();

    @Override
    void close();
}
