package io.imstarter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.store.Conversation;
import io.imstarter.store.ReadPointer;
import io.imstarter.store.ReadPointerBuffer;
import io.imstarter.store.UnreadConversation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDBC read state store and the pointer buffer in front of it, on H2, H2 in MySQL mode and PostgreSQL: pointers
 * only move forward, writes are coalesced and bounded, what waits is written on close, and unread counts are derived
 * from the sequence numbers.
 */
class JdbcReadStateStoreTest {

    static Stream<String> platforms() {
        return Stream.of("h2", "mysql", "postgresql");
    }

    /** By name: JUnit closes arguments that are AutoCloseable, and the pools are shared by the whole test JVM. */
    private static DataSource database(String platform) {
        return switch (platform) {
            case "h2" -> TestDatabases.h2Memory();
            case "mysql" -> TestDatabases.h2MySqlMode();
            default -> TestDatabases.postgres();
        };
    }

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void pointersMoveOnlyForwardAndUnreadIsDerivedFromTheSequenceNumbers(String platform) {
        DataSource dataSource = database(platform);
        TestDatabases.createTables(dataSource, platform);
        JdbcMessageStore messages = new JdbcMessageStore(dataSource, 1000, Clock.systemUTC());
        JdbcReadStateStore store = new JdbcReadStateStore(dataSource, Clock.systemUTC());
        String bob = "bob-" + run;
        String alice = "alice-" + run;
        String carol = "carol-" + run;
        for (int i = 1; i <= 5; i++) {
            messages.recordDelivered(bob, alice, "a" + i, "from alice", 0);
            messages.recordDelivered(bob, carol, "c" + i, "from carol", 0);
        }
        assertThat(store.unread(bob)).extracting(UnreadConversation::unread).containsExactly(5L, 5L);
        long third = store.c2cMessage(bob, alice, "a3").orElseThrow().seq();

        store.write(List.of(new ReadPointer(bob, Conversation.withPeer(alice), third)));
        store.write(List.of(new ReadPointer(bob, Conversation.withPeer(alice), third - 2)));

        assertThat(store.c2cReadSeq(bob, alice)).isEqualTo(third);
        assertThat(store.unread(bob)).extracting(u -> u.conversation().id(), UnreadConversation::unread)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(alice, 2L),
                        org.assertj.core.groups.Tuple.tuple(carol, 5L));
        assertThat(store.c2cUnreadAfter(bob, carol, 0, 3)).isEqualTo(3);
        assertThat(store.c2cMessageAtOrBefore(bob, alice, Long.MAX_VALUE).orElseThrow().fp()).isEqualTo("a5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void theBufferWritesEachMovedPointerOnceBoundsItsTableAndWritesWhatWaitsOnClose(String platform) {
        DataSource dataSource = database(platform);
        TestDatabases.createTables(dataSource, platform);
        JdbcMessageStore messages = new JdbcMessageStore(dataSource, 1000, Clock.systemUTC());
        JdbcReadStateStore store = new JdbcReadStateStore(dataSource, Clock.systemUTC());
        String bob = "bob-" + run;
        List<String> peers = List.of("p1-" + run, "p2-" + run, "p3-" + run);
        for (String peer : peers) {
            for (int i = 1; i <= 100; i++) {
                messages.recordDelivered(bob, peer, peer + "-" + i, "m", 0);
            }
        }
        ReadPointerBuffer buffer = new ReadPointerBuffer(store, Duration.ofHours(1), 2);
        Conversation first = Conversation.withPeer(peers.get(0));
        long before = store.pointerWriteCount();
        long last = 0;
        for (int i = 1; i <= 100; i++) {
            last = store.c2cMessage(bob, peers.get(0), peers.get(0) + "-" + i).orElseThrow().seq();
            assertThat(buffer.advance(new ReadPointer(bob, first, last), 0)).isTrue();
        }
        assertThat(buffer.advance(new ReadPointer(bob, first, last - 10), 0)).as("stale").isFalse();
        assertThat(store.pointerWriteCount() - before).as("nothing written before the interval").isZero();
        buffer.advance(new ReadPointer(bob, Conversation.withPeer(peers.get(1)), 50), 0);
        // The table is full of moved pointers: the third conversation's is written through at once.
        buffer.advance(new ReadPointer(bob, Conversation.withPeer(peers.get(2)), 60), 0);
        assertThat(store.c2cReadSeq(bob, peers.get(2))).isEqualTo(60);
        assertThat(buffer.knownOf(bob)).hasSize(2);
        assertThat(store.c2cReadSeq(bob, peers.get(0))).isZero();

        buffer.close();

        assertThat(store.c2cReadSeq(bob, peers.get(0))).isEqualTo(last);
        assertThat(store.c2cReadSeq(bob, peers.get(1))).isEqualTo(50);
        assertThat(store.pointerWriteCount() - before).as("one write per pointer").isEqualTo(3);
    }
}
