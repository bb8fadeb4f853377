package io.imstarter.bench.scenario;

import static io.imstarter.bench.scenario.TestServers.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imstarter.bench.cli.Options;
import io.imstarter.bench.report.RunReport;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The s2c scenario through a REST endpoint shaped like the sample app's {@code POST /api/push}. */
class HttpPushDriverTest {

    @Test
    void pushesThroughTheRestEndpointAndCountsWhatClientsReceive() throws Exception {
        ImServer server = TestServers.startImServer();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        AtomicInteger malformed = new AtomicInteger();
        http.createContext("/api/push", exchange -> push(exchange, server, malformed));
        http.setExecutor(handlers);
        http.start();
        try {
            Options options = TestServers.options("port", Integer.toString(server.port(Transport.TCP)),
                    "push-url", "http://127.0.0.1:" + http.getAddress().getPort() + "/api/push",
                    "clients", "4", "messages", "100", "window", "10");
            RunReport report = new S2cScenario(GeneratorSettings.from(options), options).run();

            assertThat(malformed).hasValue(0);
            assertThat(report.get("driver")).asString().endsWith("/api/push");
            assertThat(number(report.get("pushed"))).as(report::toJson).isEqualTo(100);
            assertThat(number(report.get("push_failures"))).as(report::toJson).isZero();
            assertThat(number(report.get("received"))).as(report::toJson).isEqualTo(100);
            assertThat(number(report.get("duplicates"))).as(report::toJson).isZero();
        }
        finally {
            http.stop(0);
            handlers.shutdown();
            handlers.awaitTermination(5, TimeUnit.SECONDS);
            server.stop();
        }
    }

    /** Answers 200 once the client acknowledged, as the sample app does for QoS pushes. */
    private static void push(HttpExchange exchange, ImServer server, AtomicInteger malformed) throws IOException {
        JsonObject body = new Gson().fromJson(new InputStreamReader(exchange.getRequestBody(), StandardCharsets.UTF_8),
                JsonObject.class);
        int status;
        if (!"POST".equals(exchange.getRequestMethod()) || !body.has("userId") || !body.has("msg")
                || body.get("typeu").getAsInt() != 0 || !body.get("qos").getAsBoolean()) {
            malformed.incrementAndGet();
            status = 400;
        }
        else {
            status = server.send(body.get("userId").getAsString(), body.get("msg").getAsString(), 0, true)
                    .handle((fp, failure) -> failure == null ? 200 : 503).join();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
