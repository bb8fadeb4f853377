package io.imstarter.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imstarter.server.GroupSettings;
import io.imstarter.store.GroupMembership;
import io.imstarter.store.GroupRefusedException;
import io.imstarter.store.GroupRefusedException.Reason;
import io.imstarter.store.jdbc.JdbcGroupStore;
import io.imstarter.store.jdbc.TestDatabases;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link ImGroups} on H2: membership, limits with their reasons, history, and the changes it tells. */
class ImGroupsTest {

    private final JdbcGroupStore store = new JdbcGroupStore(TestDatabases.h2Memory(), Clock.systemUTC());

    private final GroupSettings settings = new GroupSettings();

    private final List<GroupChange> changes = new CopyOnWriteArrayList<>();

    private final ImGroups groups = new ImGroups(store, settings, changes::add);

    ImGroupsTest() {
        TestDatabases.createTables(TestDatabases.h2Memory(), "h2");
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void the501stJoinIsRefusedNamingTheLimitAndChangesNothing() {
        String group = id("big");
        groups.create(group, id("owner"));
        for (int i = 1; i < 500; i++) {
            groups.addMember(group, id("member"));
        }
        String late = id("late");

        assertThatThrownBy(() -> groups.addMember(group, late)).isInstanceOfSatisfying(GroupRefusedException.class,
                ex -> {
                    assertThat(ex.reason()).isEqualTo(Reason.GROUP_FULL);
                    assertThat(ex).hasMessage("Group " + group + " has 500 members, the most allowed (500)");
                });
        assertThat(groups.members(group)).hasSize(500);
        assertThat(groups.group(group).orElseThrow().memberCount()).isEqualTo(500);
        assertThat(groups.groupsOf(late)).isEmpty();
    }

    @Test
    void aUserInTheMostGroupsAllowedCanNeitherCreateNorJoinAnother() {
        settings.setMaxGroupsPerUser(2);
        String user = id("busy");
        groups.create(id("first"), user);
        String second = id("second");
        groups.create(second, id("owner"));
        groups.addMember(second, user);
        String third = id("third");
        groups.create(third, id("owner"));

        assertThatThrownBy(() -> groups.addMember(third, user)).isInstanceOfSatisfying(GroupRefusedException.class,
                ex -> assertThat(ex.reason()).isEqualTo(Reason.TOO_MANY_GROUPS))
                .hasMessage(user + " belongs to 2 groups, the most allowed (2)");
        assertThatThrownBy(() -> groups.create(id("fourth"), user)).isInstanceOfSatisfying(
                GroupRefusedException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.TOO_MANY_GROUPS));
        assertThat(groups.groupsOf(user)).hasSize(2);
    }

    @Test
    void aTakenIdAMissingGroupAndAnOversizedPageAreRefusedWithTheirReasons() {
        String group = id("taken");
        groups.create(group, id("owner"));

        assertThatThrownBy(() -> groups.create(group, id("other"))).isInstanceOfSatisfying(
                GroupRefusedException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.ALREADY_EXISTS))
                .hasMessage("A group with the id " + group + " exists already");
        assertThatThrownBy(() -> groups.addMember("nowhere", id("user"))).isInstanceOfSatisfying(
                GroupRefusedException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.NO_SUCH_GROUP))
                .hasMessage("There is no group nowhere");
        assertThatThrownBy(() -> groups.history(group, 0, 501)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The history page limit must be 1 to 500, was 501");
    }

    @Test
    void historyIsInSequenceOrderAndAMemberReadsOnlyWhatCameAfterItJoined() {
        String group = id("chat");
        String owner = id("owner");
        groups.create(group, owner);
        store.append(group, owner, "fp-1", "one", 1);
        store.append(group, owner, "fp-2", "two", 1);
        String late = id("late");
        GroupMembership joined = groups.addMember(group, late);
        store.append(group, owner, "fp-3", "three", 1);

        assertThat(joined.joinedSeq()).isEqualTo(2);
        assertThat(groups.history(group, 0, 10)).extracting(m -> m.seq() + ":" + m.content())
                .containsExactly("1:one", "2:two", "3:three");
        assertThat(groups.history(group, 1, 1)).extracting(m -> m.content()).containsExactly("two");
        assertThat(groups.memberHistory(group, late, 0, 10)).extracting(m -> m.content()).containsExactly("three");
        assertThat(store.append(group, owner, "fp-2", "two again", 1).duplicate()).isTrue();
        assertThat(groups.history(group, 0, 10)).hasSize(3);
    }

    @Test
    void everyCommittedChangeIsToldOnceWithTheSequenceItHappenedAt() {
        String group = id("told");
        String owner = id("owner");
        String member = id("member");
        groups.create(group, owner);
        groups.addMember(group, member);
        groups.addMember(group, member);
        store.append(group, owner, "fp", "hi", 1);
        groups.removeMember(group, member);
        groups.removeMember(group, member);
        groups.delete(group);

        assertThat(changes).containsExactly(new GroupChange(GroupChange.Kind.CREATED, group, owner, 0),
                new GroupChange(GroupChange.Kind.JOINED, group, member, 0),
                new GroupChange(GroupChange.Kind.LEFT, group, member, 1),
                new GroupChange(GroupChange.Kind.DELETED, group, null, 1));
        assertThat(groups.group(group)).isEmpty();
        assertThat(groups.history(group, 0, 10)).isEmpty();
    }
}
