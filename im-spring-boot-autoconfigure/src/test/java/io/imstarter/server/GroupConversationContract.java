package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.store.GroupMembership;
import io.imstarter.store.StoredGroupMessage;
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
import java.util.UUID;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group conversations (docs/groups.md) on a real database with raw clients that behave as stock clients: a message
 * is stored once, ACKed to its sender after the commit, and reaches every member once, in the group's order, live or
 * at its next login. Each subclass names the database.
 */
abstract class GroupConversationContract {

    static final int MESSAGES = 60;

    final JdbcGroupStore groups;

    final GroupSettings settings = new GroupSettings();

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @RegisterExtension
    final ImServerExtension im;

    GroupConversationContract(DataSource dataSource, String platform) {
        TestDatabases.createTables(dataSource, platform);
        this.groups = new JdbcGroupStore(dataSource, Clock.systemUTC());
        this.im = new ImServerExtension().builder(builder -> builder.groups(groups, settings))
                .configure(config -> config.getRateLimit().setPacketsPerSecond(10_000).setBurst(10_000));
    }

    @Test
    void fiftyMembersAcrossTransportsGetEachMessageOnceInOrderAndOfflineMembersCatchUpAtLogin() {
        String group = id("team");
        String sender = id("sender");
        groups.create(group, sender, settings.getMaxGroupsPerUser());
        List<String> online = join(group, "online", 39);
        List<String> offline = join(group, "offline", 10);
        RawClient senderClient = im.loggedIn(Transport.TCP, sender);
        List<GroupMemberClient> members = new ArrayList<>();
        for (int i = 0; i < online.size(); i++) {
            String member = online.get(i);
            members.add(new GroupMemberClient(member, im.loggedIn(Transport.values()[i % 3], member)));
        }

        List<Packet> sent = send(senderClient, sender, group, MESSAGES);

        List<String> fps = sent.stream().map(Packet::fp).toList();
        List<Long> seqs = LongStream.rangeClosed(1, MESSAGES).boxed().toList();
        await().atMost(RawClient.TIMEOUT).until(() -> members.stream().allMatch(m -> m.delivered().size() == MESSAGES));
        for (GroupMemberClient member : members) {
            assertThat(member.delivered()).extracting(d -> d.packet().fp()).as(member.userId()).isEqualTo(fps);
            assertThat(member.seqs()).as(member.userId()).isEqualTo(seqs);
            assertThat(member.delivered()).allSatisfy(d -> {
                assertThat(d.packet().from()).isEqualTo(settings.address(group));
                assertThat(d.packet().to()).isEqualTo(member.userId());
                assertThat(d.packet().qos()).isTrue();
                assertThat(d.sender()).isEqualTo(sender);
            });
        }
        assertThat(senderClient.inbox().matching(Expect.type(PacketType.ACK))).hasSize(MESSAGES);
        assertThat(senderClient.inbox().matching(Expect.type(PacketType.DATA))).isEmpty();
        assertThat(groups.messagesAfter(group, 0, 10 * MESSAGES)).hasSize(MESSAGES);
        awaitDelivered(group, online, MESSAGES);

        for (int i = 0; i < offline.size(); i++) {
            String member = offline.get(i);
            Transport transport = Transport.values()[i % 3];
            try (GroupMemberClient late = new GroupMemberClient(member, im.loggedIn(transport, member))) {
                await().atMost(RawClient.TIMEOUT).until(() -> late.delivered().size() == MESSAGES);
                assertThat(late.seqs()).as(member).isEqualTo(seqs);
                assertThat(late.delivered()).extracting(d -> d.packet().fp()).isEqualTo(fps);
                late.client().send(Wire.logout(member));
            }
        }
        awaitDelivered(group, offline, MESSAGES);
        String again = offline.get(0);
        RawClient second = im.loggedIn(Transport.TCP, again);
        second.assertNothingMore(Expect.type(PacketType.DATA), Duration.ofSeconds(1));
        members.forEach(GroupMemberClient::stopReceiving);
    }

    @Test
    void aRepeatedFingerprintIsAckedAgainWithoutANewRowOrASecondCopy() {
        String group = id("team");
        String sender = id("sender");
        groups.create(group, sender, settings.getMaxGroupsPerUser());
        String receiver = join(group, "member", 1).get(0);
        GroupMemberClient member = new GroupMemberClient(receiver, im.loggedIn(Transport.UDP, receiver));
        RawClient senderClient = im.loggedIn(Transport.WEBSOCKET, sender);
        Packet message = Wire.data(sender, settings.address(group), "once", true);

        senderClient.send(message);
        senderClient.awaitPacket(Expect.ackOf(message.fp()));
        await().atMost(RawClient.TIMEOUT).until(() -> member.delivered().size() == 1);
        senderClient.send(message);
        senderClient.awaitPacket(Expect.ackOf(message.fp()));

        member.client().assertNothingMore(Expect.type(PacketType.DATA), Duration.ofSeconds(1));
        assertThat(member.copies()).isEqualTo(1);
        assertThat(groups.messagesAfter(group, 0, 10)).hasSize(1);
        member.stopReceiving();
    }

    @Test
    void aNonMembersMessageIsRefusedWith306NamingTheGroupAndNothingIsStored() {
        String group = id("team");
        groups.create(group, id("owner"), settings.getMaxGroupsPerUser());
        String outsider = id("outsider");
        RawClient outsiderClient = im.loggedIn(Transport.TCP, outsider);
        Packet message = Wire.data(outsider, settings.address(group), "let me in", true);

        outsiderClient.send(message);

        Packet error = outsiderClient.awaitPacket(Expect.error(ErrorCode.REFUSED));
        assertThat(Expect.errorOf(error).errorMsg())
                .isEqualTo(outsider + " is not a member of group " + group + " fp=" + message.fp());
        outsiderClient.assertNothingMore(Expect.ackOf(message.fp()), Duration.ofMillis(500));
        assertThat(groups.messagesAfter(group, 0, 10)).isEmpty();
    }

    /**
     * A fresh id: an external test database ({@code IM_TEST_POSTGRES_URL}) keeps the rows of earlier runs, whose
     * groups and memberships must not meet this run's.
     */
    String id(String prefix) {
        return im.newUserId(prefix) + "-" + run;
    }

    List<String> join(String group, String prefix, int count) {
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String member = id(prefix);
            groups.addMember(group, member, settings.getMaxMembers(), settings.getMaxGroupsPerUser());
            joined.add(member);
        }
        return joined;
    }

    /**
     * Sends {@code count} QoS messages to the group and awaits each one's ACK from the group's address, checking
     * that the message is committed by the time its ACK arrives.
     */
    List<Packet> send(RawClient senderClient, String sender, String group, int count) {
        List<Packet> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Packet message = Wire.data(sender, settings.address(group), "message " + i, true);
            sent.add(message);
            senderClient.send(message);
        }
        for (Packet message : sent) {
            Packet ack = senderClient.awaitPacket(Expect.ackOf(message.fp()));
            assertThat(ack.from()).isEqualTo(settings.address(group));
            assertThat(groups.messagesAfter(group, 0, 10 * count)).extracting(StoredGroupMessage::fp)
                    .contains(message.fp());
        }
        return sent;
    }

    /** Awaits the members' delivered pointers reaching {@code seq} in the store. */
    void awaitDelivered(String group, List<String> members, long seq) {
        await().atMost(RawClient.TIMEOUT).until(() -> groups.members(group).stream()
                .filter(m -> members.contains(m.userId()))
                .allMatch(m -> m.deliveredSeq() == seq));
        assertThat(groups.members(group)).filteredOn(m -> members.contains(m.userId()))
                .extracting(GroupMembership::deliveredSeq).containsOnly(seq);
    }
}
