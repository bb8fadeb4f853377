package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.store.jdbc.JdbcGroupStore;
import io.imstarter.store.jdbc.JdbcMessageStore;
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

/** A member's catch-up goes at the C2C replay's pace ({@code im.store.replay-rate}), all its groups together. */
class GroupCatchUpPaceIT {

    private static final int RATE = 20;
    private static final int BURST = 10;
    private static final int PER_GROUP = 30;

    private final JdbcGroupStore store = new JdbcGroupStore(TestDatabases.h2Memory(), Clock.systemUTC());

    private final GroupSettings settings = new GroupSettings();

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension()
            .messageStore(new JdbcMessageStore(TestDatabases.h2Memory(), 100, Clock.systemUTC()),
                    new ReplaySettings(BURST, RATE))
            .builder(builder -> builder.groups(store, settings))
            .configure(config -> config.packetsPerSecond(10_000).packetBurst(10_000));

    GroupCatchUpPaceIT() {
        TestDatabases.createTables(TestDatabases.h2Memory(), "h2");
    }

    @Test
    void twoGroupsMissedWhileOfflineAreCaughtUpInOrderNoFasterThanTheReplayRate() {
        String sender = im.newUserId("sender");
        String away = im.newUserId("away");
        RawClient senderClient = im.loggedIn(Transport.TCP, sender);
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            String group = im.newUserId("team");
            store.create(group, sender, settings.getMaxGroupsPerUser());
            store.addMember(group, away, settings.getMaxMembers(), settings.getMaxGroupsPerUser());
            groups.add(group);
            List<Packet> sent = new ArrayList<>();
            for (int i = 0; i < PER_GROUP; i++) {
                Packet message = Wire.data(sender, settings.address(group), "message " + i, true);
                sent.add(message);
                senderClient.send(message);
            }
            sent.forEach(message -> senderClient.awaitPacket(Expect.ackOf(message.fp())));
        }

        long loggedIn = System.nanoTime();
        GroupMemberClient member = new GroupMemberClient(away, im.loggedIn(Transport.WEBSOCKET, away));
        await().atMost(RawClient.TIMEOUT).until(() -> member.delivered().size() == 2 * PER_GROUP);

        // A burst of BURST, then RATE a second: the last of 2 * PER_GROUP cannot come sooner.
        Duration least = Duration.ofMillis(1000L * (2 * PER_GROUP - BURST) / RATE);
        assertThat(Duration.ofNanos(System.nanoTime() - loggedIn)).isGreaterThanOrEqualTo(least.minusMillis(200));
        for (String group : groups) {
            assertThat(member.delivered()).filteredOn(d -> d.packet().from().equals(settings.address(group)))
                    .extracting(GroupMemberClient.Delivered::seq)
                    .isEqualTo(LongStream.rangeClosed(1, PER_GROUP).boxed().toList());
        }
        member.stopReceiving();
    }
}
