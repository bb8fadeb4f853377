package io.imstarter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.store.GroupMembership;
import io.imstarter.store.MutableClock;
import io.imstarter.store.StoredGroupMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Group messages expire by age as a prefix of each group's order, with the members' delivered pointers moved past
 * it first, on H2, H2 in MySQL mode and PostgreSQL.
 */
class JdbcGroupStoreExpiryTest {

    private final MutableClock clock = MutableClock.beforeEarlierOnes();

    private final Instant start = clock.instant();

    /** By the platform's name: a data source given as an argument would be closed after its first test. */
    private JdbcGroupStore store(String platform) {
        DataSource dataSource = switch (platform) {
            case "h2" -> TestDatabases.h2Memory();
            case "mysql" -> TestDatabases.h2MySqlMode();
            default -> TestDatabases.postgres();
        };
        TestDatabases.createTables(dataSource, platform);
        return new JdbcGroupStore(dataSource, clock);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "mysql", "postgresql"})
    void oldMessagesGoAsAPrefixAndPointersMovePastThemWhileNewerOnesAndOtherGroupsStay(String platform) {
        JdbcGroupStore store = store(platform);
        String group = "team-" + UUID.randomUUID();
        String quiet = "quiet-" + UUID.randomUUID();
        String sender = "sender-" + UUID.randomUUID();
        String away = "away-" + UUID.randomUUID();
        String ahead = "ahead-" + UUID.randomUUID();
        store.create(group, sender, 10);
        store.addMember(group, away, 10, 10);
        store.addMember(group, ahead, 10, 10);
        store.create(quiet, sender, 10);
        IntStream.rangeClosed(1, 3).forEach(i -> store.append(group, sender, "old-" + i, "old " + i, -1));
        clock.advance(Duration.ofHours(2));
        store.append(quiet, sender, "new-quiet", "young", -1);
        IntStream.rangeClosed(4, 5).forEach(i -> store.append(group, sender, "new-" + i, "new " + i, -1));
        store.markDelivered(group, ahead, 4);

        long expired = store.expireAcceptedBefore(start.plus(Duration.ofHours(1)));

        assertThat(expired).isEqualTo(3);
        assertThat(store.messagesAfter(group, 0, 10)).extracting(StoredGroupMessage::seq).containsExactly(4L, 5L);
        assertThat(store.memberMessagesAfter(group, away, 0, 10)).extracting(StoredGroupMessage::content)
                .containsExactly("new 4", "new 5");
        assertThat(store.members(group)).extracting(GroupMembership::userId, GroupMembership::deliveredSeq)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(sender, 3L),
                        org.assertj.core.groups.Tuple.tuple(away, 3L), org.assertj.core.groups.Tuple.tuple(ahead, 4L));
        assertThat(store.group(group).orElseThrow().lastSeq()).isEqualTo(5);
        assertThat(store.messagesAfter(quiet, 0, 10)).hasSize(1);
        assertThat(store.expireAcceptedBefore(start.plus(Duration.ofHours(1)))).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "mysql", "postgresql"})
    void aLongPrefixIsDeletedSliceBySlice(String platform) {
        JdbcGroupStore store = store(platform);
        String group = "big-" + UUID.randomUUID();
        String sender = "sender-" + UUID.randomUUID();
        store.create(group, sender, 10);
        IntStream.range(0, 2_345).forEach(i -> store.append(group, sender, "fp-" + i, "m", -1));
        clock.advance(Duration.ofSeconds(1));
        store.append(group, sender, "last", "stays", -1);

        assertThat(store.expireAcceptedBefore(clock.instant())).isEqualTo(2_345);
        assertThat(store.messagesAfter(group, 0, 10)).extracting(StoredGroupMessage::seq).containsExactly(2_346L);
    }
}
