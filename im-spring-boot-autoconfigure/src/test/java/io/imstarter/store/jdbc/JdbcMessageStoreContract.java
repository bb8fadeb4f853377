package io.imstarter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imstarter.store.MessageStore;
import io.imstarter.store.MessageStoreContract;
import io.imstarter.store.StoredMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The store contract on a real database, whose tables are dropped and created from the shipped script per test. */
abstract class JdbcMessageStoreContract extends MessageStoreContract {

    private final DataSource dataSource;

    private final String platform;

    /**
     * @param dataSource a pooled data source that lives as long as the JVM
     * @param platform the suffix of the schema script: {@code h2}, {@code postgresql} or {@code mysql}
     */
    protected JdbcMessageStoreContract(DataSource dataSource, String platform) {
        this.dataSource = dataSource;
        this.platform = platform;
    }

    @BeforeEach
    void createEmptyTables() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("DROP TABLE IF EXISTS im_message").update();
        jdbc.sql("DROP TABLE IF EXISTS im_receiver_seq").update();
        runSchemaScript();
    }

    @Override
    protected MessageStore createStore(int maxPerReceiver, Clock clock) {
        return new JdbcMessageStore(dataSource, maxPerReceiver, clock);
    }

    @Test
    void theSchemaScriptRunsAgainOnAnExistingSchemaAndKeepsTheMessages() {
        MessageStore store = createStore(10, clock);
        store.append("bob", "alice", "fp-1", "kept", -1);

        runSchemaScript();

        assertThat(store.undelivered("bob", 0, 10)).hasSize(1);
        assertThat(store.append("bob", "alice", "fp-2", "next", -1).seq()).isEqualTo(2);
    }

    @Test
    void closeWritesTheAppendsThatWaitAndRefusesLaterOnes() {
        JdbcMessageStore store = new JdbcMessageStore(dataSource, 10_000, clock);
        List<CompletableFuture<StoredMessage>> waiting = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            waiting.add(store.appendAsync("bob", "alice", "fp-" + i, "m" + i, -1, Runnable::run));
        }

        store.close();

        assertThat(waiting).allSatisfy(append -> assertThat(append).isCompleted());
        assertThat(store.countUndelivered("bob")).isEqualTo(300);
        assertThatThrownBy(() -> store.appendAsync("bob", "alice", "late", "m", -1, Runnable::run).join())
                .hasCauseInstanceOf(RejectedExecutionException.class).hasMessageContaining("closed");
    }

    private void runSchemaScript() {
        TestDatabases.createTables(dataSource, platform);
    }
}
