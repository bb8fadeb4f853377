package io.imstarter.sample;

import static io.imstarter.sample.SampleApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.sample.RestCalls.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /api/groups} and {@code /api/sendMsg} to a group address, on the sample's database: who may do what with a
 * group, the limits as problem details, and a message sent through an embedded client read back from the history.
 * Groups hold at most {@value #MAX_MEMBERS} members here, so that "full" is quick to reach.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "im.server.address=127.0.0.1", "im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0",
        "sample.ack-wait=5s", "im.group.max-members=" + GroupApiIT.MAX_MEMBERS })
class GroupApiIT {

    static final int MAX_MEMBERS = 3;

    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    private int port;

    private RestCalls api;

    @BeforeEach
    void setUp() {
        api = new RestCalls(port);
    }

    @Test
    void theOwnerManagesMembersAndOthersMayOnlyLeaveOrRead() {
        RestCalls gia = api.as("gia");
        RestCalls hal = api.as("hal");
        RestCalls ivy = api.as("ivy");

        Answer created = gia.post("/api/groups", Map.of("groupId", "gia-team"));
        assertThat(created.status().value()).isEqualTo(201);
        assertThat(created.json()).containsEntry("address", "g:gia-team").containsEntry("owner", "gia");
        assertThat(gia.post("/api/groups/gia-team/members", Map.of("userId", "hal")).json())
                .containsEntry("userId", "hal").containsEntry("joinedSeq", 0);

        assertProblem(hal.post("/api/groups/gia-team/members", Map.of("userId", "ivy")), 403, "Forbidden");
        assertProblem(ivy.get("/api/groups/gia-team/members"), 403, "Forbidden");
        assertProblem(gia.post("/api/groups/gia-team/members", Map.of("userId", "nobody-registered")), 404,
                "Unknown user");
        assertProblem(gia.post("/api/groups", Map.of("groupId", "gia-team")), 409, "Group refused: already exists");
        assertProblem(gia.get("/api/groups/no-such-group/members"), 404, "Group refused: no such group");
        assertThat(hal.get("/api/groups").list()).extracting(group -> group.get("groupId"))
                .containsExactly("gia-team");
        assertThat(hal.get("/api/groups/gia-team/members").list()).extracting(member -> member.get("userId"))
                .containsExactly("gia", "hal");

        assertThat(hal.delete("/api/groups/gia-team/members/hal").status().value()).isEqualTo(204);
        assertThat(hal.get("/api/groups").list()).isEmpty();
        assertProblem(hal.delete("/api/groups/gia-team"), 403, "Forbidden");
        assertThat(gia.delete("/api/groups/gia-team").status().value()).isEqualTo(204);
        assertThat(gia.get("/api/groups").list()).isEmpty();
    }

    @Test
    void theJoinPastTheMemberLimitIsAConflictNamingTheLimit() {
        RestCalls nia = api.as("nia");
        nia.post("/api/groups", Map.of("groupId", "nia-team"));
        for (String member : List.of("oli", "pam")) {
            api.as(member);
            assertThat(nia.post("/api/groups/nia-team/members", Map.of("userId", member)).status().value())
                    .isEqualTo(200);
        }
        api.as("quin");

        Answer full = nia.post("/api/groups/nia-team/members", Map.of("userId", "quin"));

        assertProblem(full, 409, "Group refused: group full");
        assertThat(full.json()).containsEntry("reason", "GROUP_FULL").containsEntry("detail",
                "Group nia-team has 3 members, the most allowed (3)");
        assertThat(nia.get("/api/groups/nia-team/members").list()).hasSize(MAX_MEMBERS);
    }

    @Test
    void sendMsgToAGroupAddressIsStoredAndReadBackInOrderWithItsSender() {
        RestCalls jo = api.loginConnect("jo");
        RestCalls kai = api.loginConnect("kai");
        jo.post("/api/groups", Map.of("groupId", "jo-team"));
        jo.post("/api/groups/jo-team/members", Map.of("userId", "kai"));

        Map<String, Object> first = jo.post("/api/sendMsg", Map.of("friendId", "g:jo-team", "msg", "one")).json();
        Map<String, Object> second = kai.post("/api/sendMsg", Map.of("friendId", "g:jo-team", "msg", "two")).json();

        assertThat(first).containsEntry("acknowledged", true);
        assertThat(second).containsEntry("acknowledged", true);
        await().atMost(WAIT).untilAsserted(() -> assertThat(kai.get("/api/groups/jo-team/messages").list())
                .extracting(m -> m.get("seq") + " " + m.get("sender") + ": " + m.get("content"))
                .containsExactly("1 jo: one", "2 kai: two"));
        assertThat(kai.get("/api/groups/jo-team/messages?afterSeq=1&limit=1").list())
                .extracting(m -> m.get("content")).containsExactly("two");
        assertProblem(kai.get("/api/groups/jo-team/messages?limit=501"), 400, "Invalid request");
    }

    @Test
    void aNonMembersSendToAGroupIsRefusedWith403() {
        RestCalls lu = api.loginConnect("lu");
        api.as("mo").post("/api/groups", Map.of("groupId", "mo-team"));

        Answer refused = lu.post("/api/sendMsg", Map.of("friendId", "g:mo-team", "msg", "let me in"));

        assertProblem(refused, 403, "Forbidden");
        assertThat(api.as("mo").get("/api/groups/mo-team/messages").list()).isEqualTo(List.of());
    }
}
