package io.imstarter.sample;

import static io.imstarter.sample.SampleApiIT.assertProblem;
import static io.imstarter.sample.SampleApiIT.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/unread}, {@code GET /api/receipts} and a group message's read count: the caller's own counts only,
 * derived from what it received, never what it sent; refusals as problem details. Same context as
 * {@link SampleApiIT}, so user names differ.
 */
@SharedSampleContext
class ReadStateApiIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    private int port;

    private RestCalls api;

    @BeforeEach
    void setUp() {
        api = new RestCalls(port);
    }

    @Test
    void theCallerSeesItsOwnUnreadMessagesAndNeverItsOwnSentOnes() {
        assertUnauthorized(api.get("/api/unread"));
        RestCalls una = api.loginConnect("una");
        RestCalls vic = api.loginConnect("vic");
        for (int i = 0; i < 3; i++) {
            assertThat(una.post("/api/sendMsg", Map.of("username", "una", "friendId", "vic", "msg", "m" + i))
                    .status().value()).isEqualTo(200);
        }

        await().atMost(WAIT).until(() -> Integer.valueOf(3).equals(conversations(vic).get("una")));
        assertThat(vic.get("/api/unread").json()).containsEntry("total", 3).containsEntry("cap", 999);
        assertThat(conversations(una)).doesNotContainKey("vic");
        assertThat(una.get("/api/receipts").json()).containsEntry("enabled", true).containsEntry("typeu", 1000);
    }

    @Test
    void aGroupMessagesReadCountIsForMembersAndNamesAnExistingMessage() {
        RestCalls wes = api.loginConnect("wes");
        RestCalls xia = api.as("xia");
        RestCalls yan = api.as("yan");
        assertThat(wes.post("/api/groups", Map.of("groupId", "wes-readers")).status().value()).isEqualTo(201);
        wes.post("/api/groups/wes-readers/members", Map.of("userId", "xia"));
        assertThat(wes.post("/api/sendMsg", Map.of("username", "wes", "friendId", "g:wes-readers", "msg", "hi"))
                .status().value()).isEqualTo(200);

        await().atMost(WAIT).until(() -> Integer.valueOf(1).equals(conversations(xia).get("g:wes-readers")));
        assertThat(wes.get("/api/groups/wes-readers/messages/1/reads").json()).containsEntry("readBy", 0)
                .containsEntry("seq", 1);
        assertProblem(yan.get("/api/groups/wes-readers/messages/1/reads"), 403, "Forbidden");
        assertProblem(xia.get("/api/groups/wes-readers/messages/2/reads"), 404, "No such message");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> conversations(RestCalls user) {
        return (Map<String, Object>) user.get("/api/unread").json().get("conversations");
    }
}
