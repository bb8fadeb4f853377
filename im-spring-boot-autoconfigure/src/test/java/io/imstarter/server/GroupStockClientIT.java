package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.store.jdbc.JdbcGroupStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Received;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Groups with clients that send exactly the bytes a stock MobileIMSDK v6 client writes (section 2's examples): its
 * group send is an ordinary C2C to the group address, ACKed once; its member copy is an ordinary QoS type 2 with
 * the original fingerprint and {@code typeu}, two extra keys it skips, and its ACK never reaches the sender.
 */
class GroupStockClientIT {

    private final JdbcGroupStore store = new JdbcGroupStore(TestDatabases.h2Memory(), Clock.systemUTC());

    private final GroupSettings settings = new GroupSettings();

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().builder(builder -> builder.groups(store, settings));

    GroupStockClientIT() {
        TestDatabases.createTables(TestDatabases.h2Memory(), "h2");
    }

    @ParameterizedTest(name = "copies come from {0}")
    @EnumSource(GroupCopyFrom.class)
    void aStockSendIsAckedOnceAndAStockMemberGetsAnOrdinaryCopyWhoseAckStopsAtTheServer(
            GroupCopyFrom copyFrom) {
        settings.setCopyFrom(copyFrom);
        String group = im.newUserId("team");
        String sender = im.newUserId("sender");
        String member = im.newUserId("member");
        store.create(group, sender, settings.getMaxGroupsPerUser());
        store.addMember(group, member, settings.getMaxMembers(), settings.getMaxGroupsPerUser());
        RawClient senderClient = im.loggedIn(Transport.TCP, sender);
        RawClient memberClient = im.loggedIn(Transport.UDP, member);
        String fp = UUID.randomUUID().toString();

        senderClient.sendText("{\"bridge\":false,\"type\":2,\"dataContent\":\"hello team\",\"from\":\"" + sender
                + "\",\"to\":\"g:" + group + "\",\"fp\":\"" + fp + "\",\"QoS\":true,\"typeu\":7,\"sm\":-1}");

        Received ack = senderClient.inbox().await(Expect.ackOf(fp), RawClient.TIMEOUT);
        assertThat(ack.text()).isEqualTo("{\"bridge\":false,\"type\":4,\"dataContent\":\"" + fp + "\",\"from\":\"g:"
                + group + "\",\"to\":\"" + sender + "\",\"QoS\":false,\"typeu\":-1,\"sm\":-1}");
        Received copy = memberClient.inbox().await(Expect.dataWithFp(fp), RawClient.TIMEOUT);
        String from = copyFrom == GroupCopyFrom.GROUP ? "g:" + group : sender;
        assertThat(copy.text()).matches("\\{\"bridge\":false,\"type\":2,\"dataContent\":\"hello team\",\"from\":\""
                + from + "\",\"to\":\"" + member + "\",\"fp\":\"" + fp + "\",\"QoS\":true,\"typeu\":7,\"sm\":\\d+,"
                + "\"sender\":\"" + sender + "\",\"seq\":1}");

        memberClient.sendText("{\"bridge\":false,\"type\":4,\"dataContent\":\"" + fp + "\",\"from\":\"" + member
                + "\",\"to\":\"" + from + "\",\"QoS\":false,\"typeu\":-1,\"sm\":-1}");

        senderClient.assertNothingMore(Expect.type(PacketType.ACK), Duration.ofSeconds(1));
        assertThat(senderClient.inbox().matching(Expect.type(PacketType.ACK))).hasSize(1);
        memberClient.assertNothingMore(Expect.dataWithFp(fp), Duration.ofSeconds(1));
        assertThat(memberClient.inbox().matching(Expect.type(PacketType.ERROR))).isEmpty();
    }
}
