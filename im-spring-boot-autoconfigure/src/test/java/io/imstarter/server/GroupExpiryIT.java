package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.store.GroupMembership;
import io.imstarter.store.MessageExpiry;
import io.imstarter.store.MutableClock;
import io.imstarter.store.jdbc.JdbcGroupStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.GroupMemberClient;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group messages expire by {@code im.store.max-age} like C2C ones (docs/groups.md), and members' cursors stay
 * consistent: an offline member catches up from after what expired, and an online member whose stream was behind
 * when the rows went moves its pointer past them, so neither gets anything twice at its next login.
 */
class GroupExpiryIT {

    private final MutableClock clock = MutableClock.beforeEarlierOnes();

    private final JdbcGroupStore store = new JdbcGroupStore(TestDatabases.h2Memory(), clock);

    private final GroupSettings settings = new GroupSettings();

    private final MessageExpiry expiry = new MessageExpiry(List.of(store), Duration.ofHours(1), Duration.ofHours(1),
            clock);

    // re-sends after 3 s, so the first copy is still waiting for its ACK when its row expires
    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().builder(builder -> builder.groups(store, settings))
            .configure(config -> {
                config.getRateLimit().setPacketsPerSecond(10_000).setBurst(10_000);
                config.getQos().setCheckInterval(Duration.ofMillis(200)).setMinAge(Duration.ofSeconds(3))
                        .setMaxRetries(5);
            });

    GroupExpiryIT() {
        TestDatabases.createTables(TestDatabases.h2Memory(), "h2");
        settings.setMaxUnackedPerMember(1);
    }

    @Test
    void expiredMessagesAreSkippedByOnlineAndOfflineMembersAndNothingComesTwiceAtTheNextLogin() {
        String group = im.newUserId("team");
        String sender = im.newUserId("sender");
        String behind = im.newUserId("behind");
        String away = im.newUserId("away");
        store.create(group, sender, settings.getMaxGroupsPerUser());
        store.addMember(group, behind, settings.getMaxMembers(), settings.getMaxGroupsPerUser());
        store.addMember(group, away, settings.getMaxMembers(), settings.getMaxGroupsPerUser());
        RawClient senderClient = im.loggedIn(Transport.TCP, sender);
        GroupMemberClient behindClient = new GroupMemberClient(behind, im.loggedIn(Transport.WEBSOCKET, behind));
        behindClient.withholdAcks(true);

        send(senderClient, sender, group, "old", 3);
        // a window of one: seq 1 waits for its ACK, 2 and 3 wait in the store
        await().atMost(RawClient.TIMEOUT).until(() -> behindClient.copies() == 1);
        clock.advance(Duration.ofHours(2));
        assertThat(expiry.runOnce()).isEqualTo(3);
        behindClient.withholdAcks(false);
        send(senderClient, sender, group, "new", 2);

        await().atMost(RawClient.TIMEOUT).until(() -> behindClient.seqs().equals(List.of(1L, 4L, 5L)));
        await().atMost(RawClient.TIMEOUT).until(() -> deliveredSeq(group, behind) == 5);
        assertThat(deliveredSeq(group, away)).isEqualTo(3);
        behindClient.client().send(Wire.logout(behind));
        behindClient.close();
        assertThat(catchUpAtLogin(away, 2)).containsExactly(4L, 5L);
        await().atMost(RawClient.TIMEOUT).until(() -> deliveredSeq(group, away) == 5);
        assertThat(catchUpAtLogin(behind, 0)).isEmpty();
        assertThat(catchUpAtLogin(away, 0)).isEmpty();
    }

    private long deliveredSeq(String group, String member) {
        return store.members(group).stream().filter(m -> m.userId().equals(member))
                .mapToLong(GroupMembership::deliveredSeq).findFirst().orElseThrow();
    }

    /** Logs the member in, awaits {@code expected} caught-up messages, checks that no more come, and logs out. */
    private List<Long> catchUpAtLogin(String member, int expected) {
        try (GroupMemberClient client = new GroupMemberClient(member, im.loggedIn(Transport.TCP, member))) {
            await().atMost(RawClient.TIMEOUT).until(() -> client.seqs().size() >= expected);
            client.client().assertNothingMore(Expect.type(PacketType.DATA), Duration.ofMillis(800));
            client.client().send(Wire.logout(member));
            return client.seqs();
        }
    }

    private void send(RawClient senderClient, String sender, String group, String prefix, int count) {
        List<Packet> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Packet message = Wire.data(sender, settings.address(group), prefix + " " + i, true);
            sent.add(message);
            senderClient.send(message);
        }
        sent.forEach(message -> senderClient.awaitPacket(Expect.ackOf(message.fp())));
    }
}
