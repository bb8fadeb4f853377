package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.server.BenchServer;
import io.imstarter.server.ImServer;
import io.imstarter.server.OfflineHandler;
import java.util.HashMap;
import java.util.Map;

/** Real in-process servers on ephemeral loopback ports, and scenario options for them. */
final class TestServers {

    private TestServers() {
    }

    /** Our server with every gateway on port 0 and a rate limit a benchmark sender stays under. */
    static ImServer startImServer() {
        ImServer server = BenchServer.create(options("packets-per-second", "100000", "packet-burst", "100000"), 0, 0,
                0);
        server.start();
        return server;
    }

    /** The same server, handing every message for an offline receiver to {@code offlineStore}. */
    static ImServer startImServer(OfflineHandler offlineStore) {
        ImServer server = BenchServer.builder(options("packets-per-second", "100000", "packet-burst", "100000"), 0, 0,
                0).offlineHandler(offlineStore).build();
        server.start();
        return server;
    }

    static Options options(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return Options.of(values);
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }
}
