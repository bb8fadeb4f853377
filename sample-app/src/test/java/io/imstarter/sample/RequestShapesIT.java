package io.imstarter.sample;

import static io.imstarter.sample.SampleApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

import io.imstarter.sample.RestCalls.Answer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/**
 * Every POST endpoint takes its fields as a JSON body, as query parameters (the seed tutorial's
 * {@code POST /api/loginConnect?username=..&password=..}) or as a form post, through one handler method each.
 * Same context as {@link SampleApiIT}, so user names differ from its ones. The bearer token travels in the header
 * whatever the shape of the fields.
 */
@SharedSampleContext
class RequestShapesIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** The ways a client can send the same fields. */
    enum Shape {
        JSON(RestCalls::post), QUERY(RestCalls::postQuery), FORM(RestCalls::postForm);

        private final Call call;

        Shape(Call call) {
            this.call = call;
        }

        Answer post(RestCalls api, String path, Map<String, ?> fields) {
            return call.post(api, path, fields);
        }
    }

    @FunctionalInterface
    interface Call {
        Answer post(RestCalls api, String path, Map<String, ?> fields);
    }

    @LocalServerPort
    private int port;

    @Value("${sample.admin.password}")
    private String adminPassword;

    private RestCalls api;

    @BeforeEach
    void setUp() {
        api = new RestCalls(port);
    }

    @ParameterizedTest(name = "{0}: loginConnect and sendMsg deliver the message to the receiver's inbox")
    @EnumSource(Shape.class)
    void loginConnectAndSendMsgWorkEndToEndInEveryCallShape(Shape shape) {
        String sender = "shape-" + shape.name().toLowerCase() + "-a";
        String receiver = "shape-" + shape.name().toLowerCase() + "-b";
        Map<String, RestCalls> asUser = new HashMap<>();
        for (String user : new String[] { sender, receiver }) {
            Answer login = shape.post(api, "/api/loginConnect", Map.of("username", user, "password",
                    RestCalls.PASSWORD));
            assertThat(login.status().value()).isEqualTo(200);
            assertThat(login.json()).containsEntry("username", user).containsEntry("code", 0)
                    .containsEntry("accepted", true);
            asUser.put(user, api.withToken((String) login.json().get("token")));
        }

        Answer sent = shape.post(asUser.get(sender), "/api/sendMsg", Map.of("username", sender, "friendId", receiver,
                "msg", "hi via " + shape + " & more", "typeu", 3));

        assertThat(sent.status().value()).isEqualTo(200);
        assertThat(sent.json()).containsEntry("status", "ACKNOWLEDGED").containsEntry("from", sender)
                .containsEntry("to", receiver);
        String fingerprint = (String) sent.json().get("fingerprint");
        RestCalls asReceiver = asUser.get(receiver);
        await().atMost(WAIT).untilAsserted(() -> assertThat(asReceiver.get("/api/messages/" + receiver).list())
                .anySatisfy(message -> assertThat(message).containsEntry("from", sender).containsEntry("typeu", 3)
                        .containsEntry("content", "hi via " + shape + " & more")
                        .containsEntry("fingerprint", fingerprint)));
    }

    @Test
    void pushKickAndLogoutTakeQueryParameters() {
        RestCalls pushedUser = api.loginConnect("param-pushed");
        api.loginConnect("param-kicked");
        RestCalls admin = api.withToken(api.token("admin", adminPassword));

        Answer pushed = admin.postQuery("/api/push", Map.of("userId", "param-pushed", "msg", "notice", "qos", false));
        Answer kicked = admin.postQuery("/api/kick", Map.of("userId", "param-kicked", "reason", "testing"));
        Answer out = pushedUser.postQuery("/api/logout", Map.of("username", "param-pushed"));

        assertThat(pushed.json()).containsEntry("status", "SENT").containsEntry("qos", false);
        assertThat(kicked.json()).containsEntry("userId", "param-kicked").containsEntry("kicked", true);
        assertThat(out.json()).containsEntry("username", "param-pushed").containsEntry("state", "CLOSED");
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin.get("/api/online/ids").body()).asInstanceOf(LIST)
                .doesNotContain("param-pushed", "param-kicked"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(NoFields.class)
    void aCallWithoutFieldsGetsABadRequestNamingTheRequiredFields(NoFields call) {
        Answer answer = call.send.apply(api, "/api/loginConnect");

        assertProblem(answer, 400, "Invalid request");
        assertThat(answer.json().get("errors")).asInstanceOf(MAP).containsOnlyKeys("username", "password");
    }

    /** Calls that carry no fields at all. */
    enum NoFields {
        NO_BODY_NO_PARAMETERS((api, path) -> api.postQuery(path, Map.of())),
        EMPTY_JSON_BODY((api, path) -> api.postRaw(path, MediaType.APPLICATION_JSON_VALUE, "")),
        EMPTY_FORM((api, path) -> api.postForm(path, Map.of()));

        private final BiFunction<RestCalls, String, Answer> send;

        NoFields(BiFunction<RestCalls, String, Answer> send) {
            this.send = send;
        }
    }

    @Test
    void anUnreadableJsonBodyGetsABadRequestListingTheExpectedFields() {
        Answer login = api.postRaw("/api/loginConnect", MediaType.APPLICATION_JSON_VALUE, "{\"username\": ");
        Answer send = api.as("shape-garbage").postRaw("/api/sendMsg", MediaType.APPLICATION_JSON_VALUE, "garbage");

        assertProblem(login, 400, "Unreadable request");
        assertThat(login.json().get("expectedFields")).isEqualTo(Map.of("username", "required",
                "password", "required"));
        assertThat((String) login.json().get("detail")).contains("username (required), password (required)");
        assertProblem(send, 400, "Unreadable request");
        assertThat(send.json().get("expectedFields")).isEqualTo(Map.of("username", "optional",
                "friendId", "required", "msg", "required", "typeu", "optional", "qos", "optional"));
    }

    @Test
    void anUnparsableContentTypeIsAnUnsupportedMediaTypeProblem() {
        Answer answer = api.postRaw("/api/loginConnect", "json, please", null);

        assertProblem(answer, 415, "Unsupported Media Type");
    }

    @Test
    void aParameterOfTheWrongTypeGetsAFieldError() {
        Answer answer = api.as("shape-typeu").postQuery("/api/sendMsg", Map.of("friendId", "bob", "msg", "hi",
                "typeu", "seven"));

        assertProblem(answer, 400, "Invalid request");
        assertThat(answer.json().get("errors")).asInstanceOf(MAP)
                .containsEntry("typeu", "cannot take the value 'seven'");
    }

    @Test
    void apiDocsOfferEachRequestAsJsonOrForm() {
        Map<String, Object> paths = asMap(api.get("/v3/api-docs").json().get("paths"));

        for (String path : new String[] { "/api/token", "/api/loginConnect", "/api/sendMsg", "/api/logout",
                "/api/push", "/api/kick" }) {
            Map<String, Object> content = asMap(asMap(asMap(asMap(paths.get(path)).get("post")).get("requestBody"))
                    .get("content"));
            assertThat(content).containsOnlyKeys("application/json", "application/x-www-form-urlencoded");
            assertThat(asMap(asMap(content.get("application/x-www-form-urlencoded")).get("schema")))
                    .isEqualTo(asMap(content.get("application/json")).get("schema"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
