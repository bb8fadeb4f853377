package io.imstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Transport;
import io.imstarter.sample.RestCalls.Answer;
import io.imstarter.test.ImAssertions;
import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImUser;
import io.imstarter.test.LocalImWebSocketPort;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The REST API end to end: real IM server on ephemeral ports, real embedded clients, real HTTP, each call with the
 * bearer token of the user it acts as. {@link ApiSecurityIT} shares this context, so user names differ.
 */
@SharedSampleContext
class SampleApiIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    private int port;

    @LocalImWebSocketPort
    private int websocketPort;

    @Value("${sample.admin.password}")
    private String adminPassword;

    private RestCalls api;

    private RestCalls admin;

    @BeforeEach
    void setUp() {
        api = new RestCalls(port);
        admin = api.withToken(api.token("admin", adminPassword));
    }

    @Test
    void messageSentByOneEmbeddedClientIsAcknowledgedAndListedForTheOther() {
        RestCalls alice = api.loginConnect("alice");
        RestCalls bob = api.loginConnect("bob");

        Answer sent = alice.post("/api/sendMsg", Map.of("username", "alice", "friendId", "bob", "msg", "hello bob <3"));

        assertThat(sent.status().value()).isEqualTo(200);
        assertThat(sent.json()).containsEntry("acknowledged", true).containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("from", "alice").containsEntry("to", "bob");
        String fingerprint = (String) sent.json().get("fingerprint");
        assertThat(fingerprint).isNotBlank();
        await().atMost(WAIT).untilAsserted(() -> assertThat(bob.get("/api/messages/bob").list())
                .anySatisfy(message -> assertThat(message).containsEntry("from", "alice")
                        .containsEntry("content", "hello bob <3").containsEntry("fingerprint", fingerprint)));
    }

    @Test
    void sendMsgWithoutAUsernameSendsAsTheTokensUser() {
        RestCalls hank = api.loginConnect("hank");
        api.loginConnect("iris");

        Answer sent = hank.post("/api/sendMsg", Map.of("friendId", "iris", "msg", "who am I?"));

        assertThat(sent.status().value()).isEqualTo(200);
        assertThat(sent.json()).containsEntry("from", "hank").containsEntry("status", "ACKNOWLEDGED");
    }

    @Test
    void messageToAReceiverThatNeverAcksIsStoredForItsNextLogin(
            @ImUser(value = "silent", transport = Transport.WEBSOCKET, acknowledge = false) ImTestClient silent) {
        RestCalls mona = api.loginConnect("mona");
        api.token("silent", RestCalls.PASSWORD);

        Answer sent = mona.post("/api/sendMsg", Map.of("friendId", "silent", "msg", "hello?"));

        assertThat(sent.status().value()).isEqualTo(200);
        assertThat(sent.json()).containsEntry("status", "STORED").containsEntry("acknowledged", true);
        String fingerprint = (String) sent.json().get("fingerprint");
        assertThat(silent.awaitMessage().fp()).isEqualTo(fingerprint);
    }

    @Test
    void messageSentOverRestReachesAUserOnAnotherTransport(
            @ImUser(value = "rita", transport = Transport.UDP) ImTestClient rita) {
        RestCalls nora = api.loginConnect("nora");
        api.token("rita", RestCalls.PASSWORD);

        Answer sent = nora.post("/api/sendMsg", Map.of("friendId", "rita", "msg", "from the REST API", "typeu", 4));

        assertThat(sent.json()).containsEntry("status", "ACKNOWLEDGED");
        ImAssertions.assertThat(rita).received("from the REST API").from("nora").withTypeu(4);
    }

    @Test
    void loginAnswersWithTheServersRealLoginResponseAndAWorkingToken() {
        Answer accepted = api.post("/api/loginConnect", Map.of("username", "carol", "password", RestCalls.PASSWORD));

        assertThat(accepted.status().value()).isEqualTo(200);
        assertThat(accepted.json()).containsEntry("username", "carol").containsEntry("code", 0)
                .containsEntry("accepted", true);
        assertThat(((Number) accepted.json().get("firstLoginTime")).longValue()).isPositive();
        assertThat(Instant.parse((String) accepted.json().get("expiresAt"))).isAfter(Instant.now());
        Answer inbox = api.withToken((String) accepted.json().get("token")).get("/api/messages/carol");
        assertThat(inbox.status().value()).isEqualTo(200);
        assertThat(inbox.list()).isEmpty();
    }

    @Test
    void onlineListsLoggedInUsersWithTheirTransportAndNoNodeOnASingleServerAndClientsListsStates() {
        RestCalls erin = api.loginConnect("erin");

        assertThat(admin.get("/api/online").list()).anySatisfy(user -> assertThat(user)
                .containsEntry("userId", "erin").containsEntry("transport", "TCP").containsKey("remoteAddress")
                .doesNotContainKey("node"));
        assertThat(admin.get("/api/clients").list())
                .anySatisfy(c -> assertThat(c).containsEntry("username", "erin").containsEntry("state", "LOGGED_IN"));
        assertThat(erin.get("/api/online/ids").body()).asInstanceOf(LIST).contains("erin");
    }

    @Test
    void pushReachesTheEmbeddedClientAndIsAcknowledged() {
        RestCalls frank = api.loginConnect("frank");

        Answer pushed = admin.post("/api/push", Map.of("userId", "frank", "msg", "maintenance at six", "typeu", 9));

        assertThat(pushed.status().value()).isEqualTo(200);
        assertThat(pushed.json()).containsEntry("acknowledged", true).containsEntry("from", "0");
        await().atMost(WAIT).untilAsserted(() -> assertThat(frank.get("/api/messages/frank").list())
                .anySatisfy(message -> assertThat(message).containsEntry("from", "0").containsEntry("typeu", 9)
                        .containsEntry("content", "maintenance at six")));
    }

    @Test
    void logoutEndsTheSessionOnTheServer() {
        RestCalls gina = api.loginConnect("gina");

        Answer out = gina.post("/api/logout", Map.of());

        assertThat(out.status().value()).isEqualTo(200);
        assertThat(out.json()).containsEntry("username", "gina").containsEntry("state", "CLOSED");
        assertThat(admin.get("/api/clients").list()).noneSatisfy(c -> assertThat(c).containsEntry("username", "gina"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin.get("/api/online").list())
                .noneSatisfy(user -> assertThat(user).containsEntry("userId", "gina")));
    }

    @Test
    void configPublishesTheBoundWebSocketGateway() {
        Answer config = api.as("config-reader").get("/api/config");

        assertThat(config.json()).containsEntry("websocketPort", websocketPort)
                .containsEntry("websocketPath", "/websocket");
        assertThat(config.json().get("tcpPort")).isNotNull();
        assertThat(config.json().get("udpPort")).isNotNull();
    }

    @Test
    void badParametersGetFieldErrors() {
        Answer answer = api.as("param-checker").post("/api/sendMsg", Map.of("username", " ", "friendId", "0",
                "msg", ""));

        assertProblem(answer, 400, "Invalid request");
        assertThat(errors(answer)).containsOnlyKeys("username", "friendId", "msg");
        assertThat((String) errors(answer).get("friendId")).contains("reserved");
    }

    @Test
    void missingFieldsAndOverlongTextGetFieldErrors() {
        Answer login = api.post("/api/loginConnect", Map.of());
        Answer push = admin.post("/api/push", Map.of("userId", "x", "msg", "m".repeat(1001)));

        assertProblem(login, 400, "Invalid request");
        assertThat(errors(login)).containsOnlyKeys("username", "password");
        assertProblem(push, 400, "Invalid request");
        assertThat((String) errors(push).get("msg")).contains("at most 1000");
    }

    @Test
    void unknownUsersAreNotFoundProblems() {
        RestCalls liam = api.loginConnect("liam");
        RestCalls noClient = api.as("no-client");

        assertProblem(liam.post("/api/sendMsg", Map.of("friendId", "nobody", "msg", "hi")), 404, "Unknown user");
        assertProblem(noClient.post("/api/sendMsg", Map.of("friendId", "liam", "msg", "hi")), 404, "Unknown user");
        assertProblem(noClient.get("/api/messages/no-client"), 404, "Unknown user");
        assertProblem(noClient.post("/api/logout", Map.of()), 404, "Unknown user");
        assertProblem(admin.post("/api/push", Map.of("userId", "nobody", "msg", "hi")), 404, "Unknown user");
        assertProblem(admin.post("/api/kick", Map.of("userId", "nobody")), 404, "Unknown user");
    }

    @Test
    void aKickedClientIsNotLoggedIn() {
        RestCalls jack = api.loginConnect("jack");

        Answer kicked = admin.post("/api/kick", Map.of("userId", "jack", "reason", "testing"));

        assertThat(kicked.status().value()).isEqualTo(200);
        assertThat(kicked.json()).containsEntry("kicked", true);
        await().atMost(WAIT).untilAsserted(() -> assertProblem(
                jack.post("/api/sendMsg", Map.of("friendId", "bob", "msg", "still here?")), 409, "Not logged in"));
    }

    @Test
    void actuatorShowsTheImServerAndStoreHealthAndMetricsToTheAdmin() {
        api.loginConnect("kate");

        Map<String, Object> im = asMap(asMap(admin.get("/actuator/health").json().get("components")).get("im"));
        Map<String, Object> websocket = asMap(asMap(asMap(im.get("details")).get("gateways")).get("websocket"));
        Answer tcpSessions = admin.get("/actuator/metrics/im.sessions?tag=transport:tcp");

        assertThat(im).containsEntry("status", "UP");
        // The message store shares the sample's database (the users table's) and created its tables there.
        assertThat(asMap(asMap(admin.get("/actuator/health").json().get("components")).get("imStore")))
                .containsEntry("status", "UP");
        assertThat(websocket).containsEntry("bound", true).containsEntry("port", websocketPort);
        assertThat(tcpSessions.status().value()).isEqualTo(200);
        assertThat(asMap(((List<?>) tcpSessions.json().get("measurements")).get(0)))
                .hasEntrySatisfying("value", value -> assertThat(((Number) value).intValue()).isPositive());
    }

    @Test
    void apiDocsListEveryEndpointAndTheBearerScheme() {
        Map<String, Object> docs = api.get("/v3/api-docs").json();
        Map<String, Object> paths = asMap(docs.get("paths"));

        assertThat(paths).containsKeys("/api/token", "/api/loginConnect", "/api/sendMsg", "/api/logout",
                "/api/clients", "/api/messages/{username}", "/api/online", "/api/online/ids", "/api/push",
                "/api/kick", "/api/config", "/api/history/{user}/{peer}");
        paths.values().stream().flatMap(item -> asMap(item).values().stream()).map(SampleApiIT::asMap)
                .forEach(operation -> assertThat((String) operation.get("description")).isNotBlank());
        assertThat(asMap(asMap(asMap(docs.get("components")).get("securitySchemes")).get("bearer-jwt")))
                .containsEntry("type", "http").containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
        assertThat(docs.get("security")).asInstanceOf(LIST).containsExactly(Map.of("bearer-jwt", List.of()));
        assertThat(asMap(asMap(paths.get("/api/token")).get("post")).get("security")).asInstanceOf(LIST).isEmpty();
        // The caller comes from the token, never from a parameter.
        assertThat(asMap(asMap(paths.get("/api/messages/{username}")).get("get")).get("parameters"))
                .asInstanceOf(LIST).singleElement().asInstanceOf(MAP).containsEntry("name", "username");
        assertThat(asMap(asMap(paths.get("/api/sendMsg")).get("post"))).doesNotContainKey("parameters");
        assertThat((String) asMap(docs.get("info")).get("description")).contains("POST /api/token", "Authorize");
        assertThat(api.get("/swagger-ui.html").status().is3xxRedirection()).isTrue();
        assertThat(api.get("/swagger-ui/index.html").status().value()).isEqualTo(200);
    }

    static void assertProblem(Answer answer, int status, String title) {
        assertThat(answer.status().value()).isEqualTo(status);
        assertThat(answer.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(answer.json()).containsEntry("status", status).containsEntry("title", title);
        assertThat((String) answer.json().get("detail")).isNotBlank();
    }

    /** A 401 problem that also names the scheme to use (RFC 6750). */
    static void assertUnauthorized(Answer answer) {
        assertProblem(answer, 401, "Unauthorized");
        assertThat(answer.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    }

    private static Map<String, Object> errors(Answer answer) {
        return asMap(answer.json().get("errors"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
