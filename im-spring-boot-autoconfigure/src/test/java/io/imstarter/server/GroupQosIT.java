package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.store.GroupMembership;
import io.imstarter.store.jdbc.JdbcGroupStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.GroupMemberClient;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-member QoS of group copies: re-sent to a member that does not ACK, without holding the others back. */
class GroupQosIT {

    private static final int MESSAGES = 20;

    private final JdbcGroupStore store = new JdbcGroupStore(TestDatabases.h2Memory(), Clock.systemUTC());

    private final GroupSettings settings = new GroupSettings();

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().builder(builder -> builder.groups(store, settings))
            .configure(config -> {
                config.getRateLimit().setPacketsPerSecond(10_000).setBurst(10_000);
                // Retries enough to outlast a 5 s silence: one re-send every 500 ms.
                config.getQos().setMaxRetries(20);
            });

    GroupQosIT() {
        TestDatabases.createTables(TestDatabases.h2Memory(), "h2");
    }

    @Test
    void aMemberWithholdingAcksFor5sGetsRetransmissionsWhileTheOthersGetEachCopyOnce() {
        String group = im.newUserId("team");
        String sender = im.newUserId("sender");
        store.create(group, sender, settings.getMaxGroupsPerUser());
        List<GroupMemberClient> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String member = im.newUserId("prompt");
            store.addMember(group, member, settings.getMaxMembers(), settings.getMaxGroupsPerUser());
            others.add(new GroupMemberClient(member, im.loggedIn(Transport.values()[i % 3], member)));
        }
        String silentId = im.newUserId("silent");
        store.addMember(group, silentId, settings.getMaxMembers(), settings.getMaxGroupsPerUser());
        GroupMemberClient silent = new GroupMemberClient(silentId, im.loggedIn(Transport.TCP, silentId));
        silent.withholdAcks(true);
        RawClient senderClient = im.loggedIn(Transport.WEBSOCKET, sender);
        long silenceStarted = System.nanoTime();

        List<Packet> sent = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            Packet message = Wire.data(sender, settings.address(group), "message " + i, true);
            sent.add(message);
            senderClient.send(message);
        }
        sent.forEach(message -> senderClient.awaitPacket(Expect.ackOf(message.fp())));

        await().atMost(RawClient.TIMEOUT).until(() -> others.stream().allMatch(m -> m.delivered().size() == MESSAGES));
        await().atMost(RawClient.TIMEOUT).until(() -> silent.copies() >= 3 * MESSAGES);
        assertThat(Duration.ofNanos(System.nanoTime() - silenceStarted)).isLessThan(Duration.ofSeconds(5));
        assertThat(silent.delivered()).extracting(d -> d.packet().fp())
                .isEqualTo(sent.stream().map(Packet::fp).toList());
        // For the rest of the 5 s silence the others get no copy beyond their one each.
        Duration rest = Duration.ofSeconds(5).minusNanos(System.nanoTime() - silenceStarted);
        await().during(rest).atMost(rest.plusSeconds(5))
                .until(() -> others.stream().allMatch(member -> member.copies() == MESSAGES));

        silent.withholdAcks(false);
        await().atMost(RawClient.TIMEOUT).until(() -> store.members(group).stream()
                .filter(m -> m.userId().equals(silentId)).mapToLong(GroupMembership::deliveredSeq)
                .allMatch(seq -> seq == MESSAGES));
        assertThat(others).allSatisfy(member -> assertThat(member.copies()).as(member.userId()).isEqualTo(MESSAGES));
        others.forEach(GroupMemberClient::stopReceiving);
        silent.stopReceiving();
    }
}
