package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.store.StoredMessage;
import io.imstarter.store.jdbc.JdbcMessageStore;
import io.imstarter.store.jdbc.TestDatabases;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * When the server's hand-off deadline fails the handler's future (the sender is then told 305), the store's append
 * is cancelled, so a store that has not written it yet leaves it out.
 */
class MessageStoreOfflineHandlerTest {

    /** The real store, whose appends wait until the test completes them: a commit that is late. */
    private static final class LateCommits extends JdbcMessageStore {

        final CompletableFuture<StoredMessage> append = new CompletableFuture<>();

        LateCommits() {
            super(TestDatabases.h2Memory(), 100, Clock.systemUTC());
        }

        @Override
        public CompletableFuture<StoredMessage> appendAsync(String receiver, String sender, String fp,
                String content, int typeu, Executor executor) {
            return append;
        }
    }

    @Test
    void aHandOffPastItsDeadlineCancelsTheAppend() {
        LateCommits store = new LateCommits();
        Packet message = Packet.of(PacketType.DATA, "hello", "alice", "bob", "fp-late", true, -1);

        CompletableFuture<Boolean> stored = new MessageStoreOfflineHandler(store).storeAsync(message, Runnable::run)
                .orTimeout(10, TimeUnit.MILLISECONDS);

        assertThatThrownBy(stored::join).hasCauseInstanceOf(TimeoutException.class);
        assertThat(store.append).isCancelled();
    }

    @Test
    void aCommittedAppendIsStoredAndNotCancelled() {
        LateCommits store = new LateCommits();
        Packet message = Packet.of(PacketType.DATA, "hello", "alice", "bob", "fp-on-time", true, -1);

        CompletableFuture<Boolean> stored = new MessageStoreOfflineHandler(store).storeAsync(message, Runnable::run);
        store.append.complete(null);

        assertThat(stored.join()).isTrue();
        assertThat(store.append).isNotCancelled();
    }
}
