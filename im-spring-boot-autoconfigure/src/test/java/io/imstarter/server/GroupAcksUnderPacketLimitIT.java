package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
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
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member's ACKs of its group copies are the server's own traffic coming back: the packet limit lets them through
 * as it does C2C replay ACKs, so a member catching up a backlog at login, ACKing each copy as it arrives as stock
 * clients do, is not refused as a flood and gets nothing twice.
 */
class GroupAcksUnderPacketLimitIT {

    private static final int SENDERS = 3;
    private static final int PER_SENDER = 30;

    private final JdbcGroupStore store = new JdbcGroupStore(TestDatabases.h2Memory(), Clock.systemUTC());

    private final GroupSettings settings = new GroupSettings();

    // each sender stays within its burst; the member's 90 ACKs in a row are far beyond it. Copies are re-sent only
    // after 10 s, so on a slow machine a late ACK is not taken for a refused one.
    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().builder(builder -> builder.groups(store, settings))
            .configure(config -> {
                config.getRateLimit().setPacketsPerSecond(20).setBurst(40);
                config.getQos().setMinAge(Duration.ofSeconds(10));
            });

    GroupAcksUnderPacketLimitIT() {
        TestDatabases.createTables(TestDatabases.h2Memory(), "h2");
    }

    @Test
    void aMemberCatchingUpAcksEveryCopyBeyondThePacketLimitWithoutA305OrAReSend() {
        String group = im.newUserId("team");
        String member = im.newUserId("member");
        store.create(group, member, settings.getMaxGroupsPerUser());
        for (int s = 0; s < SENDERS; s++) {
            String sender = im.newUserId("sender");
            store.addMember(group, sender, settings.getMaxMembers(), settings.getMaxGroupsPerUser());
            send(im.loggedIn(Transport.TCP, sender), sender, group);
        }
        int messages = SENDERS * PER_SENDER;

        try (GroupMemberClient client = new GroupMemberClient(member, im.loggedIn(Transport.TCP, member))) {
            await().atMost(RawClient.TIMEOUT).until(() -> deliveredSeq(group, member) == messages);
            client.client().assertNothingMore(Expect.type(PacketType.DATA), Duration.ofSeconds(1));

            assertThat(client.seqs()).isEqualTo(LongStream.rangeClosed(1, messages).boxed().toList());
            assertThat(client.copies()).isEqualTo(messages);
            assertThat(client.client().inbox().matching(Expect.error(ErrorCode.RATE_LIMITED))).isEmpty();
        }
    }

    private long deliveredSeq(String group, String member) {
        return store.members(group).stream().filter(m -> m.userId().equals(member))
                .mapToLong(GroupMembership::deliveredSeq).findFirst().orElseThrow();
    }

    private void send(RawClient senderClient, String sender, String group) {
        List<Packet> sent = new ArrayList<>();
        for (int i = 0; i < PER_SENDER; i++) {
            Packet message = Wire.data(sender, settings.address(group), "message " + i, true);
            sent.add(message);
            senderClient.send(message);
        }
        sent.forEach(message -> senderClient.awaitPacket(Expect.ackOf(message.fp())));
    }
}
