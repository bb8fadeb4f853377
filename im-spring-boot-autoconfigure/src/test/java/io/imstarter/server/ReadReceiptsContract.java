package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.ReadNotice;
import io.imstarter.protocol.ReadReceipt;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.receipt.ImReadState;
import io.imstarter.store.ReadPointerBuffer;
import io.imstarter.store.jdbc.JdbcGroupStore;
import io.imstarter.store.jdbc.JdbcMessageStore;
import io.imstarter.store.jdbc.JdbcReadStateStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.GroupMemberClient;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Received;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Read receipts and unread counts (docs/receipts.md, wire protocol section 14) on a real database, with raw clients
 * that speak the wire as stock clients do: the counts follow forward-only pointers, notices go out at once while
 * pointer writes are coalesced, and bad receipts are refused with a reason and change nothing. Each subclass names
 * the database.
 */
abstract class ReadReceiptsContract {

    static final ReceiptSettings SETTINGS = new ReceiptSettings();

    static {
        SETTINGS.setEnabled(true);
        SETTINGS.setGroupPushMaxMembers(150);
    }

    final GroupSettings groupSettings = new GroupSettings();

    final JdbcGroupStore groups;

    final JdbcReadStateStore readStore;

    final ReadPointerBuffer pointers;

    final ImReadState readState;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @RegisterExtension
    final ImServerExtension im;

    ReadReceiptsContract(DataSource dataSource, String platform) {
        TestDatabases.createTables(dataSource, platform);
        groups = new JdbcGroupStore(dataSource, Clock.systemUTC());
        readStore = new JdbcReadStateStore(dataSource, Clock.systemUTC());
        pointers = new ReadPointerBuffer(readStore, SETTINGS.getCoalesceInterval(), SETTINGS.getMaxPendingPointers());
        readState = new ImReadState(readStore, pointers, SETTINGS, groupSettings);
        im = new ImServerExtension()
                .messageStore(new JdbcMessageStore(dataSource, 10_000, Clock.systemUTC()), ReplaySettings.DEFAULTS)
                .builder(builder -> builder.groups(groups, groupSettings).readReceipts(readStore, pointers, SETTINGS))
                .configure(config -> {
                    config.getRateLimit().setPacketsPerSecond(10_000).setBurst(10_000);
                    config.getSession().setDuplicateLogin(DuplicateLoginPolicy.ONE_PER_TRANSPORT);
                });
    }

    @AfterEach
    void closePointers() {
        pointers.close();
    }

    @Test
    void aReceiptLeavesTheRestUnreadAndTellsTheSenderAtOnceWhileStaleAndUnknownOnesChangeNothing() {
        String alice = id("alice");
        String bob = id("bob");
        RawClient aliceTcp = im.loggedIn(Transport.TCP, alice);
        RawClient aliceWs = im.loggedIn(Transport.WEBSOCKET, alice);
        RawClient bobTcp = im.loggedIn(Transport.TCP, bob);
        RawClient bobWs = im.loggedIn(Transport.WEBSOCKET, bob);
        List<String> fps = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            Packet message = Packet.of(PacketType.DATA, "message " + i, alice, bob, null, true, 0);
            fps.add(message.fp());
            aliceTcp.send(message);
            bobTcp.awaitPacket(Expect.dataWithFp(message.fp()));
            bobTcp.send(ackOf(bob, alice, message.fp()));
            aliceTcp.awaitPacket(Expect.ackOf(message.fp()));
        }
        await().atMost(RawClient.TIMEOUT).until(() -> readState.unread(bob, alice) == 50);
        assertThat(readState.unread(bob).of(alice)).isEqualTo(50);
        assertThat(readState.unread(bob).total()).isEqualTo(50);
        assertThat(readState.unread(alice, bob)).isZero();

        // A first receipt warms the path (JIT, pooled connections): the latency asserted is the steady state's.
        Packet first = receipt(bob, new ReadReceipt(alice, fps.get(0), 0, false));
        bobTcp.send(first);
        bobTcp.awaitPacket(Expect.ackOf(first.fp()));
        aliceTcp.awaitPacket(notice());
        aliceWs.awaitPacket(notice());
        bobWs.awaitPacket(notice());
        assertThat(readState.unread(bob, alice)).isEqualTo(49);

        long sentAt = System.nanoTime();
        Packet receipt = receipt(bob, new ReadReceipt(alice, fps.get(29), 0, false));
        bobTcp.send(receipt);
        Received toTcp = aliceTcp.inbox().await(notice(), RawClient.TIMEOUT);
        Received toWs = aliceWs.inbox().await(notice(), RawClient.TIMEOUT);
        assertThat(Duration.ofNanos(Math.max(toTcp.nanoTime(), toWs.nanoTime()) - sentAt))
                .isLessThan(Duration.ofMillis(100));
        assertThat(parse(toTcp.packet())).isEqualTo(new ReadNotice(bob, bob, fps.get(29), parse(toTcp.packet()).seq()));
        assertThat(toTcp.packet().qos()).isFalse();
        assertThat(aliceTcp.inbox().matching(notice())).hasSize(2);
        assertThat(aliceWs.inbox().matching(notice())).hasSize(2);
        bobTcp.awaitPacket(Expect.ackOf(receipt.fp()));
        assertThat(parse(bobWs.awaitPacket(notice())).conversation()).isEqualTo(alice);
        assertThat(readState.unread(bob, alice)).isEqualTo(20);

        bobTcp.send(receipt(bob, new ReadReceipt(alice, fps.get(9), 0, false)));
        Packet unknown = receipt(bob, new ReadReceipt(alice, "no-such-fp", 0, false));
        bobTcp.send(unknown);
        assertThat(Expect.errorOf(bobTcp.awaitPacket(Expect.error(ErrorCode.REFUSED))).errorMsg())
                .contains("no message fp=no-such-fp from " + alice);
        Packet stranger = receipt(bob, new ReadReceipt(id("carol"), fps.get(40), 0, false));
        bobTcp.send(stranger);
        assertThat(Expect.errorOf(bobTcp.awaitPacket(Expect.error(ErrorCode.REFUSED))).errorMsg())
                .contains("no message fp=" + fps.get(40));
        bobTcp.send(Packet.of(PacketType.DATA, "{\"c\":", bob, UserIds.SERVER, null, true, SETTINGS.getTypeu()));
        assertThat(Expect.errorOf(bobTcp.awaitPacket(Expect.error(ErrorCode.MALFORMED))).errorMsg())
                .contains("read receipt");
        aliceTcp.assertNothingMore(notice(), Duration.ofMillis(300));
        assertThat(bobTcp.inbox().matching(Expect.ackOf(unknown.fp()))).isEmpty();
        assertThat(readState.unread(bob, alice)).isEqualTo(20);

        bobTcp.send(receipt(bob, new ReadReceipt(alice, fps.get(49), 0, true)));
        assertThat(parse(bobWs.awaitPacket(notice())).fp()).isEqualTo(fps.get(49));
        aliceTcp.assertNothingMore(notice(), Duration.ofMillis(300));
        assertThat(readState.unread(bob, alice)).isZero();
        assertThat(readState.unread(bob).byConversation()).doesNotContainKey(alice);

        aliceTcp.close();
        aliceWs.close();
        im.loggedIn(Transport.TCP, alice);
        assertThat(readState.unread(alice, bob)).isZero();
        assertThat(readState.unread(alice).byConversation()).doesNotContainKey(bob);
    }

    @Test
    void unreadStaysBetweenZeroAndTheMessagesWhateverTheReceiptsName() {
        String alice = id("alice");
        String bob = id("bob");
        RawClient aliceTcp = im.loggedIn(Transport.TCP, alice);
        RawClient bobTcp = im.loggedIn(Transport.TCP, bob);
        List<String> fps = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            Packet message = Packet.of(PacketType.DATA, "m" + i, alice, bob, null, true, 0);
            fps.add(message.fp());
            aliceTcp.send(message);
            bobTcp.awaitPacket(Expect.dataWithFp(message.fp()));
            bobTcp.send(ackOf(bob, alice, message.fp()));
        }
        await().atMost(RawClient.TIMEOUT).until(() -> readState.unread(bob, alice) == 10);
        List<ReadReceipt> receipts = List.of(new ReadReceipt(alice, "unknown-1", 0, false),
                new ReadReceipt(alice, fps.get(4), 0, false), new ReadReceipt(alice, null, 1_000_000, false),
                new ReadReceipt(alice, fps.get(2), 0, false), new ReadReceipt(alice, "unknown-2", 0, true));
        for (ReadReceipt receipt : receipts) {
            Packet packet = receipt(bob, receipt);
            bobTcp.send(packet);
            if (receipt.fp() != null && receipt.fp().startsWith("unknown")) {
                bobTcp.awaitPacket(Expect.error(ErrorCode.REFUSED));
            }
            else {
                bobTcp.awaitPacket(Expect.ackOf(packet.fp()));
            }
            assertThat(readState.unread(bob, alice)).isBetween(0, 10);
            assertThat(readState.unread(bob).total()).isBetween(0, 10);
        }
        // The seq far beyond the last message was clamped to it: nothing is unread, and nothing is negative.
        assertThat(readState.unread(bob, alice)).isZero();
        assertThat(readState.readSeq(bob, alice)).isEqualTo(readStore.c2cMessage(bob, alice, fps.get(9))
                .orElseThrow().seq());
    }

    @Test
    void aGroupWithinThePushLimitTellsOnlyTheSenderOnceAReaderAndAboveItTellsNoOneButCountsExactly() {
        String group = id("team");
        String sender = id("sender");
        groups.create(group, sender, groupSettings.getMaxGroupsPerUser());
        List<String> readers = join(group, "reader", 149);
        RawClient senderClient = im.loggedIn(Transport.TCP, sender);
        List<GroupMemberClient> members = new ArrayList<>();
        for (String reader : readers) {
            members.add(new GroupMemberClient(reader, im.loggedIn(Transport.TCP, reader)));
        }
        Packet message = Packet.of(PacketType.DATA, "hello", sender, groupSettings.address(group), null, true, 0);
        senderClient.send(message);
        senderClient.awaitPacket(Expect.ackOf(message.fp()));
        await().atMost(RawClient.TIMEOUT).until(() -> members.stream().allMatch(m -> m.delivered().size() == 1));
        assertThat(readState.unread(readers.get(0), groupSettings.address(group))).isEqualTo(1);
        assertThat(readState.unread(sender, groupSettings.address(group))).isZero();

        List<Packet> receipts = new ArrayList<>();
        for (GroupMemberClient member : members) {
            Packet receipt = receipt(member.userId(), new ReadReceipt(groupSettings.address(group), message.fp(), 0,
                    false));
            receipts.add(receipt);
            member.client().send(receipt);
        }
        Packet own = receipt(sender, new ReadReceipt(groupSettings.address(group), message.fp(), 0, false));
        senderClient.send(own);
        senderClient.awaitPacket(Expect.ackOf(own.fp()));
        await().atMost(RawClient.TIMEOUT).until(() -> senderClient.inbox().matching(notice()).size() == 149);
        senderClient.assertNothingMore(notice(), Duration.ofMillis(300));
        assertThat(senderClient.inbox().matching(notice()).stream().map(p -> parse(p).reader()).distinct())
                .hasSize(149);
        assertThat(members).allSatisfy(member -> assertThat(member.delivered())
                .noneMatch(d -> UserIds.SERVER.equals(d.packet().from())));
        assertThat(readState.readCount(group, 1)).hasValue(149);
        assertThat(readState.unread(readers.get(0), groupSettings.address(group))).isZero();
        members.forEach(GroupMemberClient::close);

        String big = id("big");
        groups.create(big, sender, groupSettings.getMaxGroupsPerUser());
        List<String> bigMembers = join(big, "big-member", 160);
        List<RawClient> bigReaders = new ArrayList<>();
        for (String reader : bigMembers.subList(0, 20)) {
            bigReaders.add(im.loggedIn(Transport.TCP, reader));
        }
        Packet bigMessage = Packet.of(PacketType.DATA, "all", sender, groupSettings.address(big), null, true, 0);
        senderClient.send(bigMessage);
        senderClient.awaitPacket(Expect.ackOf(bigMessage.fp()));
        for (int i = 0; i < bigReaders.size(); i++) {
            Packet receipt = receipt(bigMembers.get(i), new ReadReceipt(groupSettings.address(big), bigMessage.fp(), 0,
                    false));
            bigReaders.get(i).send(receipt);
            bigReaders.get(i).awaitPacket(Expect.ackOf(receipt.fp()));
        }
        senderClient.assertNothingMore(notice(), Duration.ofMillis(300));
        assertThat(readState.readCount(big, 1)).hasValue(20);
        assertThat(readState.unread(bigMembers.get(100), groupSettings.address(big))).isEqualTo(1);
    }

    @Test
    void aThousandReceiptsASecondOnOneConversationCostAtMostTwoPointerWritesASecond() {
        String group = id("burst");
        String sender = id("sender");
        String reader = id("reader");
        groups.create(group, sender, groupSettings.getMaxGroupsPerUser());
        groups.addMember(group, reader, groupSettings.getMaxMembers(), groupSettings.getMaxGroupsPerUser());
        int seconds = 3;
        List<String> fps = new ArrayList<>();
        for (int i = 0; i < 1000 * seconds; i++) {
            fps.add(groups.append(group, sender, UUID.randomUUID().toString(), "m" + i, 0).message().fp());
        }
        GroupMemberClient member = new GroupMemberClient(reader, im.loggedIn(Transport.TCP, reader));
        RawClient client = member.client();
        pointers.flush();
        long writesBefore = readStore.pointerWriteCount();
        long start = System.nanoTime();
        List<Packet> sent = new ArrayList<>();
        for (int i = 0; i < fps.size(); i++) {
            long due = start + i * 1_000_000L; // one every millisecond: 1,000 a second
            java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
            Packet receipt = receipt(reader, new ReadReceipt(groupSettings.address(group), fps.get(i), 0, false));
            sent.add(receipt);
            client.send(receipt);
        }
        sent.forEach(receipt -> client.awaitPacket(Expect.ackOf(receipt.fp())));
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        long writes = readStore.pointerWriteCount() - writesBefore;

        assertThat(writes).as("pointer writes in %d ms", elapsedMillis).isLessThanOrEqualTo(2 * (elapsedMillis / 1000 + 1));
        assertThat(readState.unread(reader, groupSettings.address(group))).isZero();
        pointers.flush();
        assertThat(readStore.groupReader(group, reader).orElseThrow().readSeq()).isEqualTo(fps.size());
        member.close();
    }

    private List<String> join(String group, String prefix, int count) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String member = id(prefix + "-" + i);
            groups.addMember(group, member, groupSettings.getMaxMembers(), groupSettings.getMaxGroupsPerUser());
            members.add(member);
        }
        return members;
    }

    static Packet receipt(String reader, ReadReceipt receipt) {
        return Packet.of(PacketType.DATA, receipt.toJson(), reader, UserIds.SERVER, null, true, SETTINGS.getTypeu());
    }

    static Packet ackOf(String receiver, String sender, String fp) {
        return Packet.control(PacketType.ACK, fp, receiver, sender);
    }

    static Predicate<Packet> notice() {
        return packet -> packet != null && packet.type() == PacketType.DATA && UserIds.SERVER.equals(packet.from())
                && packet.typeu() == SETTINGS.getTypeu();
    }

    static ReadNotice parse(Packet notice) {
        try {
            return ReadNotice.parse(notice.dataContent());
        }
        catch (MalformedPacketException ex) {
            throw new AssertionError(ex);
        }
    }

    private String id(String prefix) {
        return prefix + "-" + run;
    }
}
