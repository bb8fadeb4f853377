package io.imstarter.sample;

import static io.imstarter.sample.SampleApiIT.asMap;
import static io.imstarter.sample.SampleApiIT.assertProblem;
import static io.imstarter.sample.SampleApiIT.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.sample.RestCalls.Answer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may call what: no token gets 401, another user's name gets 403, the admin calls need the ADMIN role, and
 * passwords are checked against the user table. Same context as {@link SampleApiIT}, so user names differ.
 */
@SharedSampleContext
class ApiSecurityIT {

    @LocalServerPort
    private int port;

    @Value("${sample.admin.password}")
    private String adminPassword;

    private RestCalls api;

    @BeforeEach
    void setUp() {
        api = new RestCalls(port);
    }

    @Test
    void callsWithoutATokenAreUnauthorizedProblems() {
        assertUnauthorized(api.post("/api/sendMsg", Map.of("username", "victim", "friendId", "bob", "msg", "hi")));
        assertUnauthorized(api.post("/api/logout", Map.of("username", "victim")));
        assertUnauthorized(api.get("/api/messages/victim"));
        assertUnauthorized(api.get("/api/online/ids"));
        assertUnauthorized(api.get("/api/config"));
        assertUnauthorized(api.get("/api/online"));
        assertUnauthorized(api.post("/api/push", Map.of("userId", "victim", "msg", "hi")));
        assertUnauthorized(api.post("/api/kick", Map.of("userId", "victim")));
        assertUnauthorized(api.get("/actuator/metrics"));
    }

    @Test
    void aForgedOrGarbledTokenIsUnauthorized() {
        String genuine = api.token("forger", RestCalls.PASSWORD);
        String[] parts = genuine.split("\\.");
        String otherSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";

        assertUnauthorized(api.withToken(otherSignature).get("/api/online/ids"));
        assertUnauthorized(api.withToken("not-a-jwt").get("/api/online/ids"));
        assertThat(api.withToken(genuine).get("/api/online/ids").status().value()).isEqualTo(200);
    }

    @Test
    void aTokenCannotActAsAnotherUser() {
        RestCalls victim = api.loginConnect("victim");
        RestCalls mallory = api.loginConnect("mallory");

        assertProblem(mallory.post("/api/sendMsg", Map.of("username", "victim", "friendId", "mallory",
                "msg", "sent as victim")), 403, "Forbidden");
        assertProblem(mallory.postQuery("/api/logout", Map.of("username", "victim")), 403, "Forbidden");
        assertProblem(mallory.get("/api/messages/victim"), 403, "Forbidden");

        assertThat(victim.get("/api/messages/victim").list()).isEmpty();
        assertThat(victim.post("/api/sendMsg", Map.of("friendId", "mallory", "msg", "still me")).json())
                .containsEntry("from", "victim").containsEntry("status", "ACKNOWLEDGED");
    }

    @Test
    void adminCallsNeedTheAdminRole() {
        RestCalls user = api.loginConnect("ordinary");
        RestCalls admin = api.withToken(api.token("admin", adminPassword));

        assertProblem(user.get("/api/online"), 403, "Forbidden");
        assertProblem(user.get("/api/clients"), 403, "Forbidden");
        assertProblem(user.post("/api/push", Map.of("userId", "ordinary", "msg", "self-push")), 403, "Forbidden");
        assertProblem(user.post("/api/kick", Map.of("userId", "ordinary")), 403, "Forbidden");
        assertProblem(user.get("/actuator/metrics"), 403, "Forbidden");

        assertThat(admin.get("/api/online").status().value()).isEqualTo(200);
        assertThat(admin.get("/api/clients").status().value()).isEqualTo(200);
        assertThat(admin.get("/actuator/metrics").status().value()).isEqualTo(200);
        assertThat(admin.post("/api/push", Map.of("userId", "ordinary", "msg", "from the admin")).json())
                .containsEntry("status", "ACKNOWLEDGED");
        assertThat(admin.post("/api/kick", Map.of("userId", "ordinary")).json()).containsEntry("kicked", true);
    }

    @Test
    void theFirstLoginRegistersAndLaterLoginsMustMatch() {
        Answer first = api.post("/api/token", Map.of("username", "newcomer", "password", "newcomer-pass"));
        Answer again = api.postForm("/api/token", Map.of("username", "newcomer", "password", "newcomer-pass"));
        Answer wrong = api.postQuery("/api/token", Map.of("username", "newcomer", "password", "guessed-pass"));

        assertThat(first.status().value()).isEqualTo(200);
        assertThat(first.json()).containsEntry("username", "newcomer").containsEntry("role", "USER")
                .containsEntry("registered", true).containsEntry("tokenType", "Bearer");
        assertThat(again.json()).containsEntry("registered", false);
        assertProblem(wrong, 401, "Unauthorized");
        assertThat((String) wrong.json().get("detail")).contains("Wrong password");
    }

    @Test
    void aWrongPasswordCannotTakeOverAnEmbeddedClientOrTheAdmin() {
        api.loginConnect("owner");
        RestCalls admin = api.withToken(api.token("admin", adminPassword));
        Object ownersLogin = admin.loggedInAt("owner");

        assertProblem(api.post("/api/loginConnect", Map.of("username", "owner", "password", "impostor-pw")), 401,
                "Unauthorized");
        assertProblem(api.post("/api/token", Map.of("username", "admin", "password", "impostor-pw")), 401,
                "Unauthorized");

        // The owner's session is the very one it had: the impostor never reached the IM server.
        assertThat(admin.loggedInAt("owner")).isEqualTo(ownersLogin);
    }

    @Test
    void aNewNameNeedsALongEnoughPassword() {
        Answer answer = api.post("/api/token", Map.of("username", "shorty", "password", "short"));

        assertProblem(answer, 400, "Invalid request");
        assertThat(asMap(answer.json().get("errors"))).containsKey("password");
        assertThat(api.post("/api/token", Map.of("username", "shorty", "password", "long-enough")).json())
                .containsEntry("registered", true);
    }

    @Test
    void healthDetailsAreForTheAdminOnly() {
        Answer anonymous = api.get("/actuator/health");
        Answer user = api.as("health-watcher").get("/actuator/health");
        Answer admin = api.withToken(api.token("admin", adminPassword)).get("/actuator/health");

        assertThat(anonymous.status().value()).isEqualTo(200);
        assertThat(anonymous.json()).containsEntry("status", "UP").doesNotContainKey("components");
        assertThat(user.json()).doesNotContainKey("components");
        assertThat(asMap(admin.json().get("components"))).containsKey("im");
    }

    @Test
    void theChatPageAndSwaggerArePublic() {
        assertThat(api.get("/").status().value()).isEqualTo(200);
        assertThat(api.get("/js/chat.js").status().value()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs").status().value()).isEqualTo(200);
    }
}
