package io.imstarter.sample;

import static io.imstarter.sample.SampleApiIT.assertProblem;
import static io.imstarter.sample.SampleApiIT.asMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.sample.RestCalls.Answer;
import io.imstarter.sample.history.StoredReceipts;
import io.imstarter.store.MessageStore;
import io.imstarter.test.ImTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/history} and {@code /api/sendMsg} to offline users, on the real message store in the sample's
 * (in-memory H2) database: paging with the cursor, limits, who may read what, and messages stored for an offline
 * user. The store keeps at most three undelivered messages per receiver here, so that "full" is quick to reach.
 */
@ImTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "sample.ack-wait=5s",
        "im.store.max-messages-per-receiver=3" })
class HistoryApiIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    private int port;

    @Value("${sample.admin.password}")
    private String adminPassword;

    @Autowired
    private MessageStore store;

    private RestCalls api;

    @BeforeEach
    void setUp() {
        api = new RestCalls(port);
    }

    @Test
    void historyPagesNewestFirstWithACursorUntilTheLastPage() {
        RestCalls ann = api.as("ann");
        List<String> sent = List.of(delivered("ann", "ben", "one"), delivered("ben", "ann", "two"),
                delivered("ann", "ben", "three"), delivered("ben", "ann", "four"), delivered("ann", "ben", "five"));
        delivered("ann", "cid", "another conversation");

        Map<String, Object> first = ann.get("/api/history/ann/ben?limit=2").json();
        Map<String, Object> second = ann.get("/api/history/ann/ben?limit=2&before=" + first.get("nextBefore")).json();
        Map<String, Object> last = ann.get("/api/history/ann/ben?limit=2&before=" + second.get("nextBefore")).json();

        assertThat(contents(first)).containsExactly("five", "four");
        assertThat(contents(second)).containsExactly("three", "two");
        assertThat(contents(last)).containsExactly("one");
        assertThat(last.get("nextBefore")).isNull();
        assertThat(first).containsEntry("user", "ann").containsEntry("peer", "ben");
        assertThat(messages(first).get(0)).containsEntry("from", "ann").containsEntry("to", "ben")
                .containsEntry("fingerprint", sent.get(4)).containsEntry("delivered", true)
                .containsKey("acceptedAt");
        // The default limit (50) takes the whole conversation in one page.
        Map<String, Object> all = ann.get("/api/history/ann/ben").json();
        assertThat(contents(all)).containsExactly("five", "four", "three", "two", "one");
        assertThat(all.get("nextBefore")).isNull();
    }

    @Test
    void limitAndCursorOutOfRangeAreBadRequests() {
        RestCalls dee = api.as("dee");

        assertProblem(dee.get("/api/history/dee/eli?limit=0"), 400, "Invalid request");
        Answer tooMany = dee.get("/api/history/dee/eli?limit=201");
        assertProblem(tooMany, 400, "Invalid request");
        assertThat((String) asMap(tooMany.json().get("errors")).get("limit")).contains("between 1 and 200");
        assertProblem(dee.get("/api/history/dee/eli?before=0"), 400, "Invalid request");
        assertThat(dee.get("/api/history/dee/eli?limit=abc").status().value()).isEqualTo(400);
        assertThat(dee.get("/api/history/dee/eli?limit=200").status().value()).isEqualTo(200);
        assertThat(dee.get("/api/history/dee/eli?limit=1").status().value()).isEqualTo(200);
    }

    @Test
    void anotherUsersConversationIsForbiddenButTheAdminMayReadIt() {
        delivered("fay", "gus", "just between us");
        RestCalls admin = api.withToken(api.token("admin", adminPassword));

        assertProblem(api.as("hal").get("/api/history/fay/gus"), 403, "Forbidden");
        assertProblem(api.as("gus").get("/api/history/fay/gus"), 403, "Forbidden");
        assertThat(contents(api.as("gus").get("/api/history/gus/fay").json())).containsExactly("just between us");
        assertThat(contents(admin.get("/api/history/fay/gus").json())).containsExactly("just between us");
        SampleApiIT.assertUnauthorized(api.get("/api/history/fay/gus"));
    }

    @Test
    void messageToAnOfflineUserIsStoredAndShowsInBothHistories() {
        RestCalls ida = api.loginConnect("ida");
        RestCalls jon = api.as("jon");   // registered, never online

        Answer sent = ida.post("/api/sendMsg", Map.of("friendId", "jon", "msg", "for when you are back"));

        assertThat(sent.status().value()).isEqualTo(200);
        assertThat(sent.json()).containsEntry("status", "STORED").containsEntry("acknowledged", true)
                .containsEntry("to", "jon");
        String fp = (String) sent.json().get("fingerprint");
        assertThat(store.countUndelivered("jon")).isEqualTo(1);
        assertThat(messages(jon.get("/api/history/jon/ida").json())).singleElement()
                .satisfies(message -> assertThat(message).containsEntry("fingerprint", fp)
                        .containsEntry("content", "for when you are back").containsEntry("delivered", false));
        assertThat(contents(ida.get("/api/history/ida/jon").json())).containsExactly("for when you are back");
        // The server also told the sender, with a receipt the chat page reads.
        await().atMost(WAIT).untilAsserted(() -> assertThat(ida.get("/api/messages/ida").list())
                .anySatisfy(message -> assertThat(message).containsEntry("from", "0")
                        .containsEntry("typeu", StoredReceipts.TYPEU).containsEntry("content", fp)));
    }

    @Test
    void messageToAnOfflineUserWhoseStoreIsFullIsAConflict() {
        RestCalls kim = api.loginConnect("kim");
        api.as("lou");
        for (int i = 0; i < 3; i++) {
            store.append("lou", "someone", Packet.newFingerprint(), "waiting " + i, -1);
        }

        Answer refused = kim.post("/api/sendMsg", Map.of("friendId", "lou", "msg", "no room"));

        assertProblem(refused, 409, "Not stored");
        assertThat((String) refused.json().get("detail")).contains("3 undelivered messages", "lou");
        assertThat(store.history("lou", "kim", Long.MAX_VALUE, 10)).isEmpty();
    }

    @Test
    void offlineUsersThatCannotGetTheMessageAreStillNotFound() {
        RestCalls max = api.loginConnect("max");
        api.as("ned");

        assertProblem(max.post("/api/sendMsg", Map.of("friendId", "never-registered", "msg", "hi")), 404,
                "Unknown user");
        assertProblem(max.post("/api/sendMsg", Map.of("friendId", "ned", "msg", "hi", "qos", false)), 404,
                "Unknown user");
        assertThat(store.countUndelivered("ned")).isZero();
    }

    @Test
    void aMessageDeliveredLiveIsInTheHistoryAsDelivered() {
        RestCalls oli = api.loginConnect("oli");
        RestCalls pam = api.loginConnect("pam");

        Answer sent = oli.post("/api/sendMsg", Map.of("friendId", "pam", "msg", "live"));

        assertThat(sent.json()).containsEntry("status", "ACKNOWLEDGED");
        await().atMost(WAIT).untilAsserted(() -> assertThat(messages(pam.get("/api/history/pam/oli").json()))
                .singleElement().satisfies(message -> assertThat(message).containsEntry("content", "live")
                        .containsEntry("fingerprint", sent.json().get("fingerprint"))
                        .containsEntry("delivered", true)));
        assertThat(store.countUndelivered("pam")).isZero();
    }

    /** A message in the store as the sample records one delivered live; returns its fingerprint. */
    private String delivered(String from, String to, String content) {
        String fp = Packet.newFingerprint();
        store.recordDelivered(to, from, fp, content, -1);
        return fp;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> messages(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("messages");
    }

    private static List<Object> contents(Map<String, Object> page) {
        return messages(page).stream().map(message -> message.get("content")).toList();
    }
}
