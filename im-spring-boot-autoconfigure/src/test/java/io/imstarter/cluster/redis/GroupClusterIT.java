package io.imstarter.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.cluster.redis.ClusterNodes.Node;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.GroupSettings;
import io.imstarter.store.jdbc.JdbcGroupStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.GroupMemberClient;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Group conversations across two nodes on one Redis and one database (docs/groups.md, "Cluster"). */
class GroupClusterIT {

    private static final DataSource SHARED_DATABASE = TestDatabases.h2Memory();
    private static final int PER_SENDER = 40;

    @BeforeAll
    static void createTables() {
        TestDatabases.createTables(SHARED_DATABASE, "h2");
    }

    private final JdbcGroupStore store = new JdbcGroupStore(SHARED_DATABASE, Clock.systemUTC());

    private final GroupSettings settings = new GroupSettings();

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes().groups(store, settings);

    /** The database is shared with other test classes in this JVM: ids of their own keep groups apart. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void sendersAndMembersOnBothNodesSeeOneIdenticalOrder() throws InterruptedException {
        Node a = cluster.start("a");
        Node b = cluster.start("b");
        String group = cluster.newUserId(run + "-team");
        String senderA = cluster.newUserId(run + "-sender-a");
        String senderB = cluster.newUserId(run + "-sender-b");
        store.create(group, senderA, settings.getMaxGroupsPerUser());
        store.addMember(group, senderB, settings.getMaxMembers(), settings.getMaxGroupsPerUser());
        List<GroupMemberClient> members = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String member = cluster.newUserId(run + "-member");
            store.addMember(group, member, settings.getMaxMembers(), settings.getMaxGroupsPerUser());
            Node node = i % 2 == 0 ? a : b;
            members.add(new GroupMemberClient(member, node.loggedIn(Transport.values()[i % 3], member)));
        }
        RawClient clientA = a.loggedIn(Transport.TCP, senderA);
        RawClient clientB = b.loggedIn(Transport.WEBSOCKET, senderB);

        Thread fromB = new Thread(() -> send(clientB, senderB, group));
        fromB.start();
        send(clientA, senderA, group);
        fromB.join();

        int total = 2 * PER_SENDER;
        await().atMost(RawClient.TIMEOUT).until(() -> members.stream().allMatch(m -> m.delivered().size() == total));
        List<String> order = store.messagesAfter(group, 0, 1000).stream().map(m -> m.fp()).toList();
        assertThat(order).hasSize(total);
        for (GroupMemberClient member : members) {
            assertThat(member.seqs()).as(member.userId())
                    .isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(member.delivered()).extracting(d -> d.packet().fp()).as(member.userId()).isEqualTo(order);
        }
        members.forEach(GroupMemberClient::stopReceiving);
    }

    private void send(RawClient client, String sender, String group) {
        List<Packet> sent = new ArrayList<>();
        for (int i = 0; i < PER_SENDER; i++) {
            Packet message = Wire.data(sender, settings.address(group), sender + " " + i, true);
            sent.add(message);
            client.send(message);
        }
        sent.forEach(message -> client.awaitPacket(Expect.ackOf(message.fp())));
    }
}
