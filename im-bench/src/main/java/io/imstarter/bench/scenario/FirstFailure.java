package io.imstarter.bench.scenario;

import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps the first failure of a run, so a report with failures says what went wrong. */
final class FirstFailure {

    private final AtomicReference<String> first = new AtomicReference<>();

    void record(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        first.compareAndSet(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    String describe() {
        String failure = first.get();
        return failure == null ? "none" : failure;
    }
}
