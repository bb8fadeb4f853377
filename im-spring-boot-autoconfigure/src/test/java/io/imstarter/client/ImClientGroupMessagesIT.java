package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.GroupEnvelope;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.GroupSettings;
import io.imstarter.store.jdbc.JdbcGroupStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RecordingClientListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The embedded client as a group member over each transport: a member's copy reaches the application with the
 * sender and the group sequence number the server adds beside the envelope; a listener that does not ask for them
 * gets the copy as an ordinary message, and an ordinary message carries none.
 */
class ImClientGroupMessagesIT {

    private static final int MESSAGES = 5;

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    private final JdbcGroupStore store = new JdbcGroupStore(TestDatabases.h2Memory(), Clock.systemUTC());

    private final GroupSettings settings = new GroupSettings();

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().builder(builder -> builder.groups(store, settings));

    private final List<ImClient> clients = new CopyOnWriteArrayList<>();

    ImClientGroupMessagesIT() {
        TestDatabases.createTables(TestDatabases.h2Memory(), "h2");
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ImClient::close);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aGroupCopyReachesTheApplicationWithItsSenderAndSequenceNumber(Transport transport) throws Exception {
        String group = im.newUserId("team");
        String alice = im.newUserId("alice");
        String bob = im.newUserId("bob");
        store.create(group, alice, settings.getMaxGroupsPerUser());
        store.addMember(group, bob, settings.getMaxMembers(), settings.getMaxGroupsPerUser());
        GroupAwareListener groupAware = new GroupAwareListener();
        RecordingClientListener plain = new RecordingClientListener();
        ImClient bobClient = loggedIn(transport, bob);
        bobClient.addListener(groupAware);
        bobClient.addListener(plain);
        ImClient aliceClient = loggedIn(transport, alice);

        for (int i = 0; i < MESSAGES; i++) {
            aliceClient.send(settings.address(group), "hello team " + i, 7).get(10, TimeUnit.SECONDS);
        }
        aliceClient.send(bob, "just for you", 8).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> groupAware.direct.size() == 1);
        assertThat(groupAware.copies).hasSize(MESSAGES);
        assertThat(groupAware.copies).extracting(copy -> copy.group().seq())
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(groupAware.copies).allSatisfy(copy -> {
            assertThat(copy.group().sender()).isEqualTo(alice);
            assertThat(copy.message().from()).isEqualTo(settings.address(group));
            assertThat(copy.message().typeu()).isEqualTo(7);
        });
        assertThat(groupAware.copies).extracting(copy -> copy.message().dataContent())
                .containsExactly("hello team 0", "hello team 1", "hello team 2", "hello team 3", "hello team 4");
        assertThat(groupAware.direct.peek().from()).isEqualTo(alice);
        // a listener that does not override handleGroupMessage gets every message, group copies included
        await().atMost(Duration.ofSeconds(10)).until(() -> plain.messages.size() == MESSAGES + 1);
        // the copies were ACKed: the server waits for none of them
        await().atMost(Duration.ofSeconds(10)).until(() -> store.members(group).stream()
                .filter(m -> m.userId().equals(bob)).allMatch(m -> m.deliveredSeq() == MESSAGES));
    }

    private ImClient loggedIn(Transport transport, String userId) throws Exception {
        ImClient client = shared.client(im.clientConfig(transport));
        clients.add(client);
        client.login(userId, "token-" + userId, null).get(10, TimeUnit.SECONDS);
        return client;
    }

    /** Records group copies with what the server added, and ordinary messages apart. */
    private static final class GroupAwareListener implements ImClientListener {

        record Copy(Packet message, GroupEnvelope.Copy group) {
        }

        final Queue<Copy> copies = new ConcurrentLinkedQueue<>();
        final Queue<Packet> direct = new ConcurrentLinkedQueue<>();

        @Override
        public CompletionStage<?> handleGroupMessage(String userId, Packet message, GroupEnvelope.Copy group) {
            copies.add(new Copy(message, group));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onMessage(String userId, Packet message) {
            direct.add(message);
        }
    }
}
