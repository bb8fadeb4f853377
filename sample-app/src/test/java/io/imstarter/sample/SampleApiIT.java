package io.imstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.sample.RestCalls.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/** The REST API end to end: real IM server on ephemeral ports, real embedded clients, real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "im.server.address=127.0.0.1", "im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0",
        "sample.ack-wait=5s" })
class SampleApiIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    private int port;

    @Value("${local.im.server.websocket.port}")
    private int websocketPort;

    private RestCalls api;

    @BeforeEach
    void setUp() {
        api = new RestCalls(port);
    }

    @Test
    void messageSentByOneEmbeddedClientIsAcknowledgedAndListedForTheOther() {
        logIn("alice");
        logIn("bob");

        Answer sent = api.post("/api/sendMsg", Map.of("username", "alice", "friendId", "bob", "msg", "hello bob <3"));

        assertThat(sent.status().value()).isEqualTo(200);
        assertThat(sent.json()).containsEntry("acknowledged", true).containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("from", "alice").containsEntry("to", "bob");
        String fingerprint = (String) sent.json().get("fingerprint");
        assertThat(fingerprint).isNotBlank();
        await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/api/messages/bob").list())
                .anySatisfy(message -> assertThat(message).containsEntry("from", "alice")
                        .containsEntry("content", "hello bob <3").containsEntry("fingerprint", fingerprint)));
    }

    @Test
    void messageToASilentReceiverIsPendingWithItsFingerprint() throws InterruptedException {
        logIn("mona");
        try (SilentWebSocketUser silent = new SilentWebSocketUser(websocketPort, "silent")) {
            assertThat(silent.awaitPacketContaining("\"type\":50")).contains("\\\"code\\\":0");

            Answer sent = api.post("/api/sendMsg", Map.of("username", "mona", "friendId", "silent", "msg", "hello?"));

            assertThat(sent.status().value()).isEqualTo(200);
            assertThat(sent.json()).containsEntry("status", "PENDING").containsEntry("acknowledged", null);
            String fingerprint = (String) sent.json().get("fingerprint");
            assertThat(silent.awaitPacketContaining("\"fp\":\"" + fingerprint + "\"")).contains("hello?");
        }
    }

    @Test
    void loginAnswersWithTheServersRealLoginResponse() {
        Answer accepted = api.post("/api/loginConnect", Map.of("username", "carol", "password", "secret"));
        Answer refused = api.post("/api/loginConnect", Map.of("username", "dave", "password", "abc"));

        assertThat(accepted.status().value()).isEqualTo(200);
        assertThat(accepted.json()).containsEntry("username", "carol").containsEntry("code", 0)
                .containsEntry("accepted", true);
        assertThat(((Number) accepted.json().get("firstLoginTime")).longValue()).isPositive();
        assertThat(refused.status().value()).isEqualTo(200);
        assertThat(refused.json()).containsEntry("code", 1025).containsEntry("accepted", false)
                .containsEntry("firstLoginTime", -1);
    }

    @Test
    void onlineListsLoggedInUsersWithTheirTransportAndClientsListsStates() {
        logIn("erin");

        assertThat(api.get("/api/online").list())
                .anySatisfy(user -> assertThat(user).containsEntry("userId", "erin").containsEntry("transport", "TCP"));
        assertThat(api.get("/api/clients").list())
                .anySatisfy(c -> assertThat(c).containsEntry("username", "erin").containsEntry("state", "LOGGED_IN"));
    }

    @Test
    void pushReachesTheEmbeddedClientAndIsAcknowledged() {
        logIn("frank");

        Answer pushed = api.post("/api/push", Map.of("userId", "frank", "msg", "maintenance at six", "typeu", 9));

        assertThat(pushed.status().value()).isEqualTo(200);
        assertThat(pushed.json()).containsEntry("acknowledged", true).containsEntry("from", "0");
        await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/api/messages/frank").list())
                .anySatisfy(message -> assertThat(message).containsEntry("from", "0").containsEntry("typeu", 9)
                        .containsEntry("content", "maintenance at six")));
    }

    @Test
    void logoutEndsTheSessionOnTheServer() {
        logIn("gina");

        Answer out = api.post("/api/logout", Map.of("username", "gina"));

        assertThat(out.status().value()).isEqualTo(200);
        assertThat(api.get("/api/clients").list()).noneSatisfy(c -> assertThat(c).containsEntry("username", "gina"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/api/online").list())
                .noneSatisfy(user -> assertThat(user).containsEntry("userId", "gina")));
    }

    @Test
    void configPublishesTheBoundWebSocketGateway() {
        Answer config = api.get("/api/config");

        assertThat(config.json()).containsEntry("websocketPort", websocketPort)
                .containsEntry("websocketPath", "/websocket");
        assertThat(config.json().get("tcpPort")).isNotNull();
        assertThat(config.json().get("udpPort")).isNotNull();
    }

    @Test
    void sendMsgNeedsAUsernameWhileSeveralClientsAreLoggedIn() {
        logIn("hank");
        logIn("iris");

        Answer answer = api.post("/api/sendMsg", Map.of("friendId", "hank", "msg", "who am I?"));

        assertProblem(answer, 400, "Invalid request");
        assertThat(errors(answer)).containsKey("username");
    }

    @Test
    void badParametersGetFieldErrors() {
        Answer answer = api.post("/api/sendMsg", Map.of("username", " ", "friendId", "0", "msg", ""));

        assertProblem(answer, 400, "Invalid request");
        assertThat(errors(answer)).containsOnlyKeys("username", "friendId", "msg");
        assertThat((String) errors(answer).get("friendId")).contains("reserved");
    }

    @Test
    void missingFieldsAndOverlongTextGetFieldErrors() {
        Answer login = api.post("/api/loginConnect", Map.of());
        Answer push = api.post("/api/push", Map.of("userId", "x", "msg", "m".repeat(1001)));

        assertProblem(login, 400, "Invalid request");
        assertThat(errors(login)).containsOnlyKeys("username", "password");
        assertProblem(push, 400, "Invalid request");
        assertThat((String) errors(push).get("msg")).contains("at most 1000");
    }

    @Test
    void unknownUsersAreNotFoundProblems() {
        logIn("liam");
        assertProblem(api.post("/api/sendMsg", Map.of("username", "liam", "friendId", "nobody", "msg", "hi")), 404,
                "Unknown user");
        assertProblem(api.post("/api/sendMsg", Map.of("username", "nobody", "friendId", "bob", "msg", "hi")), 404,
                "Unknown user");
        assertProblem(api.get("/api/messages/nobody"), 404, "Unknown user");
        assertProblem(api.post("/api/logout", Map.of("username", "nobody")), 404, "Unknown user");
        assertProblem(api.post("/api/push", Map.of("userId", "nobody", "msg", "hi")), 404, "Unknown user");
        assertProblem(api.post("/api/kick", Map.of("userId", "nobody")), 404, "Unknown user");
    }

    @Test
    void aKickedClientIsNotLoggedIn() {
        logIn("jack");

        Answer kicked = api.post("/api/kick", Map.of("userId", "jack", "reason", "testing"));

        assertThat(kicked.status().value()).isEqualTo(200);
        assertThat(kicked.json()).containsEntry("kicked", true);
        await().atMost(WAIT).untilAsserted(() -> assertProblem(
                api.post("/api/sendMsg", Map.of("username", "jack", "friendId", "bob", "msg", "still here?")), 409,
                "Not logged in"));
    }

    @Test
    void actuatorShowsTheImServersHealthAndMetrics() {
        logIn("kate");

        Map<String, Object> im = asMap(asMap(api.get("/actuator/health").json().get("components")).get("im"));
        Map<String, Object> websocket = asMap(asMap(asMap(im.get("details")).get("gateways")).get("websocket"));
        Answer tcpSessions = api.get("/actuator/metrics/im.sessions?tag=transport:tcp");

        assertThat(im).containsEntry("status", "UP");
        assertThat(websocket).containsEntry("bound", true).containsEntry("port", websocketPort);
        assertThat(tcpSessions.status().value()).isEqualTo(200);
        assertThat(asMap(((List<?>) tcpSessions.json().get("measurements")).get(0)))
                .hasEntrySatisfying("value", value -> assertThat(((Number) value).intValue()).isPositive());
    }

    @Test
    void apiDocsListEveryEndpoint() {
        Map<String, Object> paths = asMap(api.get("/v3/api-docs").json().get("paths"));

        assertThat(paths).containsKeys("/api/loginConnect", "/api/sendMsg", "/api/logout", "/api/clients",
                "/api/messages/{username}", "/api/online", "/api/push", "/api/kick", "/api/config");
        paths.values().stream().flatMap(item -> asMap(item).values().stream()).map(SampleApiIT::asMap)
                .forEach(operation -> assertThat((String) operation.get("description")).isNotBlank());
        assertThat(api.get("/swagger-ui.html").status().is3xxRedirection()).isTrue();
        assertThat(api.get("/swagger-ui/index.html").status().value()).isEqualTo(200);
    }

    private void logIn(String username) {
        Answer answer = api.post("/api/loginConnect", Map.of("username", username, "password", "secret"));
        assertThat(answer.status().value()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("code", 0);
    }

    static void assertProblem(Answer answer, int status, String title) {
        assertThat(answer.status().value()).isEqualTo(status);
        assertThat(answer.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(answer.json()).containsEntry("status", status).containsEntry("title", title);
        assertThat((String) answer.json().get("detail")).isNotBlank();
    }

    private static Map<String, Object> errors(Answer answer) {
        return asMap(answer.json().get("errors"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
