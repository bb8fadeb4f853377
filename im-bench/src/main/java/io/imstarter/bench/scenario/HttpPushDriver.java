package io.imstarter.bench.scenario;

import com.google.gson.Gson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Pushes through the sample app's REST endpoint: {@code POST /api/push {userId, msg, typeu, qos}}. */
final class HttpPushDriver implements PushDriver {

    private static final Gson GSON = new Gson();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;

    HttpPushDriver(String url) {
        this.endpoint = URI.create(url);
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("--push-url must be an http(s) URL, got " + url);
        }
    }

    @Override
    public CompletableFuture<?> push(String userId, String content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("msg", content);
        body.put("typeu", 0);
        body.put("qos", true);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GSON.toJson(body))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + endpoint + " answered " + response.statusCode());
            }
            return response;
        });
    }

    @Override
    public String latencyMeaning() {
        return "http-response";
    }

    @Override
    public void close() {
        // java.net.http.HttpClient on Java 17 has no close; its threads are daemons
    }
}
