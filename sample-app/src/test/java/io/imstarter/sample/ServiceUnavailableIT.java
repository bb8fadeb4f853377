package io.imstarter.sample;

import static io.imstarter.sample.SampleApiIT.assertProblem;

import io.imstarter.server.ImServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With the IM server stopped and the embedded clients switched off, the API says so with 503 problems, to callers
 * whose tokens are fine. (The server stays configured: its token login is what signs the sample's tokens.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "im.server.address=127.0.0.1", "im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0",
        "im.client.enabled=false" })
class ServiceUnavailableIT {

    @LocalServerPort
    private int port;

    @Value("${sample.admin.password}")
    private String adminPassword;

    @Autowired
    private ImServer server;

    private RestCalls api;

    @BeforeEach
    void stopTheImServer() {
        server.stop();
        api = new RestCalls(port);
    }

    @Test
    void serverEndpointsAnswerServiceUnavailable() {
        RestCalls admin = api.withToken(api.token("admin", adminPassword));

        assertProblem(admin.get("/api/online"), 503, "IM service unavailable");
        assertProblem(admin.get("/api/online/ids"), 503, "IM service unavailable");
        assertProblem(admin.get("/api/config"), 503, "IM service unavailable");
        assertProblem(admin.post("/api/push", Map.of("userId", "bob", "msg", "hi")), 503, "IM service unavailable");
        assertProblem(admin.post("/api/kick", Map.of("userId", "bob")), 503, "IM service unavailable");
    }

    @Test
    void clientEndpointsAnswerServiceUnavailable() {
        RestCalls admin = api.withToken(api.token("admin", adminPassword));

        assertProblem(api.post("/api/loginConnect", Map.of("username", "alice", "password", RestCalls.PASSWORD)), 503,
                "IM service unavailable");
        assertProblem(api.as("alice").post("/api/sendMsg", Map.of("friendId", "bob", "msg", "hi")), 503,
                "IM service unavailable");
        assertProblem(admin.get("/api/clients"), 503, "IM service unavailable");
    }
}
