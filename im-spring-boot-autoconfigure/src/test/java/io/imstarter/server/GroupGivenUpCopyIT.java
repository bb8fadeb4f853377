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

/**
 * A member whose ACKs are lost for longer than the copies' re-sends (as over UDP when a full receive buffer drops both
 * a copy's ACK and its re-send's) still gets its delivered pointer to the end while it stays online: the copies that
 * ran out of re-sends are sent again every few min-ages, and the ACKs that finally arrive move the pointer. Before,
 * such copies were given up for the session and the member's next login sent it everything after them again.
 */
class GroupGivenUpCopyIT {

    private static final int MESSAGES = 10;

    private final JdbcGroupStore store = new JdbcGroupStore(TestDatabases.h2Memory(), Clock.systemUTC());

    private final GroupSettings settings = new GroupSettings();

    /** The tests' QoS: re-sent once after 500 ms, so a copy is out of re-sends about a second after it went out. */
    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().builder(builder -> builder.groups(store, settings));

    GroupGivenUpCopyIT() {
        TestDatabases.createTables(TestDatabases.h2Memory(), "h2");
    }

    /** Over UDP, where the losses come from; the re-sends do not depend on the transport. */
    @Test
    void copiesOutOfResendsGoAgainWhileTheMemberStaysOnlineUntilItsPointerReachesTheEnd() {
        String group = im.newUserId("team");
        String sender = im.newUserId("sender");
        String memberId = im.newUserId("lossy");
        store.create(group, sender, settings.getMaxGroupsPerUser());
        store.addMember(group, memberId, settings.getMaxMembers(), settings.getMaxGroupsPerUser());
        GroupMemberClient member = new GroupMemberClient(memberId, im.loggedIn(Transport.UDP, memberId));
        member.withholdAcks(true);
        RawClient senderClient = im.loggedIn(Transport.TCP, sender);

        List<Packet> sent = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            Packet message = Wire.data(sender, settings.address(group), "message " + i, true);
            sent.add(message);
            senderClient.send(message);
        }
        sent.forEach(message -> senderClient.awaitPacket(Expect.ackOf(message.fp())));
        int maxRetries = im.server().config().getQos().getMaxRetries();
        // Each copy sent, re-sent, out of re-sends, and sent again: what a copy given up for the session never got.
        await().atMost(RawClient.TIMEOUT).until(() -> member.copies() >= (2 + maxRetries) * MESSAGES);

        member.withholdAcks(false);
        await().atMost(Duration.ofSeconds(15)).until(() -> deliveredSeq(group, memberId) == MESSAGES);
        assertThat(member.delivered()).extracting(delivered -> delivered.packet().fp())
                .isEqualTo(sent.stream().map(Packet::fp).toList());
        member.stopReceiving();
    }

    private long deliveredSeq(String group, String memberId) {
        return store.members(group).stream().filter(m -> m.userId().equals(memberId))
                .mapToLong(GroupMembership::deliveredSeq).findFirst().orElseThrow();
    }
}
