package io.imstarter.sample.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits a bounded time for an asynchronous IM result, so a REST call answers promptly even while QoS runs on. */
final class BoundedWait {

    private BoundedWait() {
    }

    /**
     * @return true when the future completed normally within {@code wait} (read it with {@code getNow}), false when
     *     it is still running
     * @throws RuntimeException the future's own failure, unwrapped
     */
    static boolean completed(CompletableFuture<?> future, Duration wait) {
        try {
            future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException pending) {
            return false;
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while waiting for the IM result");
        }
    }
}
