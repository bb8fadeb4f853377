package io.imstarter.sample;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;

/**
 * A thin client for the sample's HTTP API that returns every status instead of throwing on errors; anonymous, or
 * acting as one user with a bearer token.
 */
final class RestCalls {

    /** The password the tests register their users with. */
    static final String PASSWORD = "test-password";

    /** One answer: its status, its JSON body as maps and lists, and its headers. */
    record Answer(HttpStatusCode status, Object body, MediaType contentType, HttpHeaders headers) {

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) body;
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list() {
            return (List<Map<String, Object>>) body;
        }
    }

    private final RestClient rest;

    RestCalls(int port) {
        this(RestClient.builder().baseUrl("http://127.0.0.1:" + port).build());
    }

    private RestCalls(RestClient rest) {
        this.rest = rest;
    }

    /** The same API, every call carrying this bearer token. */
    RestCalls withToken(String token) {
        return new RestCalls(rest.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build());
    }

    /** A token from {@code POST /api/token}; a new name is registered with the password. */
    String token(String username, String password) {
        Answer answer = post("/api/token", Map.of("username", username, "password", password));
        if (answer.status().value() != 200) {
            throw new AssertionError("POST /api/token for " + username + " answered " + answer.status() + ": "
                    + answer.body());
        }
        return (String) answer.json().get("token");
    }

    /**
     * Logs the user's embedded client in with {@code POST /api/loginConnect} (registered with {@link #PASSWORD} when
     * new) and answers the API acting as that user, with the token the login returned.
     */
    RestCalls loginConnect(String username) {
        Answer answer = post("/api/loginConnect", Map.of("username", username, "password", PASSWORD));
        if (answer.status().value() != 200 || !Integer.valueOf(0).equals(answer.json().get("code"))) {
            throw new AssertionError("POST /api/loginConnect for " + username + " answered " + answer.status() + ": "
                    + answer.body());
        }
        return withToken((String) answer.json().get("token"));
    }

    /** The API acting as this user (registered with {@link #PASSWORD} when new), without an embedded client. */
    RestCalls as(String username) {
        return withToken(token(username, PASSWORD));
    }

    /** When the user's session began, from the admin-only {@code GET /api/online}; fails when it is not online. */
    Object loggedInAt(String userId) {
        return get("/api/online").list().stream().filter(user -> userId.equals(user.get("userId"))).findFirst()
                .orElseThrow(() -> new AssertionError(userId + " is not online")).get("loggedInAt");
    }

    Answer get(String path) {
        return rest.get().uri(path).exchange((request, response) -> answer(response));
    }

    Answer delete(String path) {
        return rest.delete().uri(path).exchange((request, response) -> answer(response));
    }

    Answer post(String path, Object body) {
        return rest.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((request, response) -> answer(response));
    }

    /** A POST with no body, the fields in the query string: the seed tutorial's call shape. */
    Answer postQuery(String path, Map<String, ?> fields) {
        return rest.post().uri(builder -> {
            builder.path(path);
            fields.forEach(builder::queryParam);
            return builder.build();
        }).exchange((request, response) -> answer(response));
    }

    /** A form post ({@code application/x-www-form-urlencoded}). */
    Answer postForm(String path, Map<String, ?> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach((name, value) -> form.add(name, String.valueOf(value)));
        return rest.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .exchange((request, response) -> answer(response));
    }

    /**
     * A POST with exactly this content type header, which may be one no parser accepts, and this body text; no body
     * when it is null (the client itself cannot write a body under an unparsable content type).
     */
    Answer postRaw(String path, String contentType, String body) {
        RestClient.RequestBodySpec request = rest.post().uri(path).header(HttpHeaders.CONTENT_TYPE, contentType);
        return (body == null ? request : request.body(body)).exchange((req, response) -> answer(response));
    }

    /** Reads JSON bodies only; an HTML page or a redirect answers with its status alone. */
    private static Answer answer(ConvertibleClientHttpResponse response) throws IOException {
        MediaType type = response.getHeaders().getContentType();
        boolean json = type != null && (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                || type.getSubtype().endsWith("+json"));
        return new Answer(response.getStatusCode(), json ? response.bodyTo(Object.class) : null, type,
                response.getHeaders());
    }
}
