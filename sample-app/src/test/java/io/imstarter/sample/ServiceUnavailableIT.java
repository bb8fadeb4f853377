package io.imstarter.sample;

import static io.imstarter.sample.SampleApiIT.assertProblem;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With the IM server and the embedded clients switched off, the API says so with 503 problems. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "im.server.enabled=false", "im.client.enabled=false" })
class ServiceUnavailableIT {

    @LocalServerPort
    private int port;

    @Test
    void serverEndpointsAnswerServiceUnavailable() {
        RestCalls api = new RestCalls(port);

        assertProblem(api.get("/api/online"), 503, "IM service unavailable");
        assertProblem(api.get("/api/config"), 503, "IM service unavailable");
        assertProblem(api.post("/api/push", Map.of("userId", "bob", "msg", "hi")), 503, "IM service unavailable");
        assertProblem(api.post("/api/kick", Map.of("userId", "bob")), 503, "IM service unavailable");
    }

    @Test
    void clientEndpointsAnswerServiceUnavailable() {
        RestCalls api = new RestCalls(port);

        assertProblem(api.post("/api/loginConnect", Map.of("username", "alice", "password", "secret")), 503,
                "IM service unavailable");
        assertProblem(api.get("/api/clients"), 503, "IM service unavailable");
    }
}
