package io.imstarter.sample;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** A thin JSON client for the sample's HTTP API that returns every status instead of throwing on errors. */
final class RestCalls {

    /** One answer: its status and its JSON body as maps and lists. */
    record Answer(HttpStatusCode status, Object body, MediaType contentType) {

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
        this.rest = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    Answer get(String path) {
        return rest.get().uri(path).exchange((request, response) -> new Answer(response.getStatusCode(),
                response.bodyTo(Object.class), response.getHeaders().getContentType()));
    }

    Answer post(String path, Object body) {
        return rest.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((request, response) -> new Answer(response.getStatusCode(), response.bodyTo(Object.class),
                        response.getHeaders().getContentType()));
    }
}
