package io.imstarter.bench.client;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters every lean connection of one {@link LoadClients} updates: keep-alives, errors, unexpected closes. */
public final class ClientCounters {

    private final LongAdder keepAlivesSent = new LongAdder();
    private final LongAdder keepAliveAnswers = new LongAdder();
    private final LongAdder malformedInbound = new LongAdder();
    private final LongAdder unexpectedCloses = new LongAdder();
    private final Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();

    public long keepAlivesSent() {
        return keepAlivesSent.sum();
    }

    public long keepAliveAnswers() {
        return keepAliveAnswers.sum();
    }

    /** Inbound frames that did not decode as a packet. */
    public long malformedInbound() {
        return malformedInbound.sum();
    }

    /** Logged-in connections that closed while a scenario still needed them: drops. */
    public long unexpectedCloses() {
        return unexpectedCloses.sum();
    }

    /** Type 52 packets received, by error code. */
    public Map<Integer, Long> errors() {
        Map<Integer, Long> copy = new TreeMap<>();
        errors.forEach((code, count) -> copy.put(code, count.sum()));
        return copy;
    }

    public long errorTotal() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    void keepAliveSent() {
        keepAlivesSent.increment();
    }

    void keepAliveAnswered() {
        keepAliveAnswers.increment();
    }

    void malformed() {
        malformedInbound.increment();
    }

    void unexpectedClose() {
        unexpectedCloses.increment();
    }

    void error(int code) {
        errors.computeIfAbsent(code, key -> new LongAdder()).increment();
    }
}
