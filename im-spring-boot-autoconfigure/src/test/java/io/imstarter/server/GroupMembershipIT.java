package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.group.GroupChange;
import io.imstarter.group.ImGroups;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.store.jdbc.JdbcGroupStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.GroupMemberClient;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Join and removal boundaries of group conversations, live and at the next login (docs/groups.md). */
class GroupMembershipIT {

    private final JdbcGroupStore store = new JdbcGroupStore(TestDatabases.h2Memory(), Clock.systemUTC());

    private final GroupSettings settings = new GroupSettings();

    private final List<GroupChange> changes = new CopyOnWriteArrayList<>();

    private final ImGroups groups = new ImGroups(store, settings, changes::add);

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().builder(builder -> builder.groups(store, settings))
            .configure(config -> config.getRateLimit().setPacketsPerSecond(10_000).setBurst(10_000));

    GroupMembershipIT() {
        TestDatabases.createTables(TestDatabases.h2Memory(), "h2");
    }

    @Test
    void aMemberAddedAtSeq100GetsFrom101AndARemovedMemberGetsNothingMoreOnlineOrAtLogin() {
        String group = im.newUserId("team");
        String sender = im.newUserId("sender");
        String always = im.newUserId("always");
        String joinsOnline = im.newUserId("joins-online");
        String joinsOffline = im.newUserId("joins-offline");
        String removedOffline = im.newUserId("removed-offline");
        groups.create(group, sender);
        groups.addMember(group, always);
        groups.addMember(group, removedOffline);
        RawClient senderClient = im.loggedIn(Transport.TCP, sender);
        GroupMemberClient alwaysClient = new GroupMemberClient(always, im.loggedIn(Transport.UDP, always));
        GroupMemberClient joinerClient = new GroupMemberClient(joinsOnline,
                im.loggedIn(Transport.WEBSOCKET, joinsOnline));

        send(senderClient, sender, group, 100);
        assertThat(groups.addMember(group, joinsOnline).joinedSeq()).isEqualTo(100);
        assertThat(groups.addMember(group, joinsOffline).joinedSeq()).isEqualTo(100);
        send(senderClient, sender, group, 100);
        await().atMost(RawClient.TIMEOUT).until(() -> joinerClient.delivered().size() == 100);
        assertThat(groups.removeMember(group, joinsOnline)).isTrue();
        assertThat(groups.removeMember(group, removedOffline)).isTrue();
        send(senderClient, sender, group, 100);

        await().atMost(RawClient.TIMEOUT).until(() -> alwaysClient.delivered().size() == 300);
        assertThat(alwaysClient.seqs()).isEqualTo(seqs(1, 300));
        joinerClient.client().assertNothingMore(Expect.type(PacketType.DATA), Duration.ofMillis(500));
        assertThat(joinerClient.seqs()).isEqualTo(seqs(101, 200));
        assertThat(catchUpAtLogin(joinsOffline, 200)).isEqualTo(seqs(101, 300));
        // Removal ends the membership: what a removed member missed is not caught up either.
        assertThat(catchUpAtLogin(removedOffline, 0)).isEmpty();
        assertThat(changes).extracting(GroupChange::kind, GroupChange::userId, GroupChange::atSeq).contains(
                org.assertj.core.groups.Tuple.tuple(GroupChange.Kind.JOINED, joinsOnline, 100L),
                org.assertj.core.groups.Tuple.tuple(GroupChange.Kind.LEFT, joinsOnline, 200L));
        alwaysClient.stopReceiving();
        joinerClient.stopReceiving();
    }

    /** Logs the member in, awaits {@code expected} caught-up messages, checks that no more come, and logs out. */
    private List<Long> catchUpAtLogin(String member, int expected) {
        try (GroupMemberClient client = new GroupMemberClient(member, im.loggedIn(Transport.TCP, member))) {
            await().atMost(RawClient.TIMEOUT)
                    .untilAsserted(() -> assertThat(client.seqs()).hasSizeGreaterThanOrEqualTo(expected));
            client.client().assertNothingMore(Expect.type(PacketType.DATA), Duration.ofMillis(500));
            return client.seqs();
        }
    }

    private void send(RawClient senderClient, String sender, String group, int count) {
        List<Packet> sent = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            Packet message = Wire.data(sender, groups.address(group), "message " + i, true);
            sent.add(message);
            senderClient.send(message);
        }
        sent.forEach(message -> senderClient.awaitPacket(Expect.ackOf(message.fp())));
    }

    private static List<Long> seqs(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
