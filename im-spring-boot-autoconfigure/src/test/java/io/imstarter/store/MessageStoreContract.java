package io.imstarter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} must do (wire protocol section 10). A subclass supplies a store on a database
 * emptied before each test, so that counts are exact and the order of tests does not matter.
 */
public abstract class MessageStoreContract {

    /** A fixed start, so that accept times are exact. */
    protected static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    protected final MutableClock clock = new MutableClock(START);

    /** A store on an empty database, refusing more than {@code maxPerReceiver} undelivered messages a receiver. */
    protected abstract MessageStore createStore(int maxPerReceiver, Clock clock);

    private MessageStore store() {
        return createStore(10_000, clock);
    }

    @Test
    void appendReturnsTheRecordWithSequenceOneAndTheAcceptTime() {
        StoredMessage stored = store().append("bob", "alice", "fp-1", "hello", 7);

        assertThat(stored.seq()).isEqualTo(1);
        assertThat(stored).extracting(StoredMessage::receiver, StoredMessage::sender, StoredMessage::fp,
                StoredMessage::content, StoredMessage::typeu, StoredMessage::acceptedAt, StoredMessage::delivered)
                .containsExactly("bob", "alice", "fp-1", "hello", 7, START.toEpochMilli(), false);
    }

    @Test
    void undeliveredListsAReceiversMessagesInSequenceOrderPageByPage() {
        MessageStore store = store();
        for (int i = 0; i < 5; i++) {
            store.append("bob", i % 2 == 0 ? "alice" : "carol", "fp-" + i, "m" + i, -1);
            store.append("dave", "alice", "fp-" + i, "other", -1);
        }

        List<StoredMessage> first = store.undelivered("bob", 0, 3);
        List<StoredMessage> second = store.undelivered("bob", first.get(2).seq(), 3);

        assertThat(first).extracting(StoredMessage::content).containsExactly("m0", "m1", "m2");
        assertThat(first).extracting(StoredMessage::seq).containsExactly(1L, 2L, 3L);
        assertThat(second).extracting(StoredMessage::content).containsExactly("m3", "m4");
        assertThat(store.countUndelivered("bob")).isEqualTo(5);
    }

    @Test
    void appendingTheSameSenderAndFingerprintAgainReturnsTheFirstRecordAndStoresNoCopy() {
        MessageStore store = store();
        StoredMessage first = store.append("bob", "alice", "fp-1", "hello", -1);
        clock.advance(Duration.ofSeconds(5));

        StoredMessage again = store.append("bob", "alice", "fp-1", "hello", -1);

        assertThat(again).isEqualTo(first);
        assertThat(store.undelivered("bob", 0, 10)).containsExactly(first);
    }

    @Test
    void theSameFingerprintFromAnotherSenderIsAnotherMessage() {
        MessageStore store = store();
        store.append("bob", "alice", "fp-1", "from alice", -1);
        store.append("bob", "carol", "fp-1", "from carol", -1);

        assertThat(store.undelivered("bob", 0, 10)).extracting(StoredMessage::content)
                .containsExactly("from alice", "from carol");
    }

    @Test
    void markDeliveredRemovesTheMessageFromUndeliveredButKeepsItInHistory() {
        MessageStore store = store();
        store.append("bob", "alice", "fp-1", "first", -1);
        store.append("bob", "alice", "fp-2", "second", -1);

        assertThat(store.markDelivered("bob", "alice", "fp-1")).isTrue();

        assertThat(store.undelivered("bob", 0, 10)).extracting(StoredMessage::content).containsExactly("second");
        assertThat(store.countUndelivered("bob")).isEqualTo(1);
        assertThat(store.history("alice", "bob", Long.MAX_VALUE, 10))
                .extracting(StoredMessage::content, StoredMessage::delivered)
                .containsExactly(tuple("second", false),
                        tuple("first", true));
    }

    @Test
    void markDeliveredTwiceOrForAnUnknownMessageChangesNothing() {
        MessageStore store = store();
        store.append("bob", "alice", "fp-1", "first", -1);
        store.markDelivered("bob", "alice", "fp-1");

        assertThat(store.markDelivered("bob", "alice", "fp-1")).isFalse();
        assertThat(store.markDelivered("bob", "alice", "no-such-fp")).isFalse();
        assertThat(store.markDelivered("carol", "alice", "fp-1")).isFalse();
    }

    @Test
    void aMessageRecordedAsDeliveredIsInTheHistoryButNeverUndelivered() {
        MessageStore store = store();

        StoredMessage recorded = store.recordDelivered("bob", "alice", "fp-1", "live", 3);

        assertThat(recorded.delivered()).isTrue();
        assertThat(store.undelivered("bob", 0, 10)).isEmpty();
        assertThat(store.countUndelivered("bob")).isZero();
        assertThat(store.history("bob", "alice", Long.MAX_VALUE, 10))
                .extracting(StoredMessage::content, StoredMessage::delivered).containsExactly(tuple("live", true));
        assertThat(store.recordDelivered("bob", "alice", "fp-1", "live", 3)).isEqualTo(recorded);
    }

    @Test
    void recordingAsDeliveredAMessageStoredEarlierMarksThatCopy() {
        MessageStore store = store();
        StoredMessage stored = store.append("bob", "alice", "fp-1", "stored first", -1);

        StoredMessage recorded = store.recordDelivered("bob", "alice", "fp-1", "stored first", -1);

        assertThat(recorded.seq()).isEqualTo(stored.seq());
        assertThat(recorded.delivered()).isTrue();
        assertThat(store.undelivered("bob", 0, 10)).isEmpty();
        assertThat(store.history("alice", "bob", Long.MAX_VALUE, 10)).hasSize(1);
    }

    @Test
    void messagesRecordedAsDeliveredDoNotCountAgainstTheCap() {
        MessageStore store = createStore(1, clock);
        store.recordDelivered("bob", "alice", "fp-1", "live", -1);
        store.recordDelivered("bob", "alice", "fp-2", "live too", -1);

        assertThat(store.append("bob", "alice", "fp-3", "offline", -1).seq()).isEqualTo(3);
    }

    @Test
    void sequenceNumbersKeepGrowingAfterEverythingWasDelivered() {
        MessageStore store = store();
        store.append("bob", "alice", "fp-1", "first", -1);
        store.markDelivered("bob", "alice", "fp-1");

        assertThat(store.append("bob", "alice", "fp-2", "second", -1).seq()).isEqualTo(2);
    }

    @Test
    void aFullReceiverIsRefusedWithAnExceptionNamingTheLimitAndNothingIsStored() {
        MessageStore store = createStore(3, clock);
        for (int i = 0; i < 3; i++) {
            store.append("bob", "alice", "fp-" + i, "m" + i, -1);
        }

        assertThatThrownBy(() -> store.append("bob", "alice", "fp-3", "one too many", -1))
                .isInstanceOf(StoreFullException.class)
                .hasMessageContaining("'bob'").hasMessageContaining("3");
        assertThat(store.countUndelivered("bob")).isEqualTo(3);
        assertThat(store.append("carol", "alice", "fp-3", "another receiver has room", -1).seq()).isEqualTo(1);
    }

    @Test
    void aDeliveredMessageFreesRoomUnderTheCap() {
        MessageStore store = createStore(1, clock);
        store.append("bob", "alice", "fp-1", "first", -1);
        store.markDelivered("bob", "alice", "fp-1");

        assertThat(store.append("bob", "alice", "fp-2", "second", -1).seq()).isEqualTo(2);
    }

    @Test
    void aDuplicateOfAStoredMessageIsNotRefusedWhenTheReceiverIsFull() {
        MessageStore store = createStore(1, clock);
        StoredMessage first = store.append("bob", "alice", "fp-1", "first", -1);

        assertThat(store.append("bob", "alice", "fp-1", "first", -1)).isEqualTo(first);
    }

    @Test
    void expiryDeletesMessagesAcceptedBeforeTheCutoffDeliveredOrNot() {
        MessageStore store = store();
        store.append("bob", "alice", "old-1", "old", -1);
        store.append("bob", "alice", "old-2", "old and delivered", -1);
        store.markDelivered("bob", "alice", "old-2");
        clock.advance(Duration.ofHours(1));
        store.append("bob", "alice", "new", "new", -1);

        long expired = store.expireAcceptedBefore(START.plus(Duration.ofMinutes(30)));

        assertThat(expired).isEqualTo(2);
        assertThat(store.history("bob", "alice", Long.MAX_VALUE, 10)).extracting(StoredMessage::content)
                .containsExactly("new");
        assertThat(store.expireAcceptedBefore(START.plus(Duration.ofMinutes(30)))).isZero();
    }

    @Test
    void expiryDeletesMoreThanOneBatch() {
        MessageStore store = store();
        IntStream.range(0, 1_201).forEach(i -> store.append("bob", "alice", "fp-" + i, "m", -1));
        clock.advance(Duration.ofSeconds(1));

        assertThat(store.expireAcceptedBefore(clock.instant())).isEqualTo(1_201);
        assertThat(store.countUndelivered("bob")).isZero();
    }

    @Test
    void historyPagesBothDirectionsOfAConversationNewestFirst() {
        MessageStore store = store();
        for (int i = 0; i < 5; i++) {
            store.append("bob", "alice", "a" + i, "alice " + i, -1);
            store.append("alice", "bob", "b" + i, "bob " + i, -1);
            store.append("bob", "carol", "c" + i, "not this conversation", -1);
        }

        List<StoredMessage> newest = store.history("alice", "bob", Long.MAX_VALUE, 4);
        List<StoredMessage> older = store.history("bob", "alice", newest.get(3).id(), 4);
        List<StoredMessage> oldest = store.history("alice", "bob", older.get(3).id(), 4);

        assertThat(newest).extracting(StoredMessage::content).containsExactly("bob 4", "alice 4", "bob 3", "alice 3");
        assertThat(older).extracting(StoredMessage::content).containsExactly("bob 2", "alice 2", "bob 1", "alice 1");
        assertThat(oldest).extracting(StoredMessage::content).containsExactly("bob 0", "alice 0");
    }

    @Test
    void historyOfAConversationWithoutMessagesIsEmpty() {
        assertThat(store().history("alice", "nobody", Long.MAX_VALUE, 10)).isEmpty();
    }

    @Test
    void badIdsAndLimitsAreRefusedWithAClearMessage() {
        MessageStore store = store();

        assertThatThrownBy(() -> store.append("", "alice", "fp", "m", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receiver");
        assertThatThrownBy(() -> store.append("bob", "alice", "x".repeat(129), "m", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fp");
        assertThatThrownBy(() -> store.undelivered("bob", 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    @Test
    void concurrentAppendsForOneReceiverGetDistinctSequenceNumbersInTheOrderEachSenderAppended() throws Exception {
        MessageStore store = store();
        int threads = 8;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String sender = "sender-" + t;
                Callable<List<Long>> appends = () -> {
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        seqs.add(store.append("bob", sender, "fp-" + i, "m" + i, -1).seq());
                    }
                    return seqs;
                };
                results.add(pool.submit(appends));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                List<Long> seqs = result.get();
                assertThat(seqs).isSorted().doesNotHaveDuplicates();
                all.addAll(seqs);
            }

            assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
            List<StoredMessage> stored = store.undelivered("bob", 0, threads * perThread + 1);
            assertThat(stored).hasSize(threads * perThread);
            assertThat(stored).extracting(StoredMessage::seq).isSorted().containsExactlyInAnyOrderElementsOf(all);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void asyncAppendsAreStoredOnceEachWithSequenceNumbersInTheOrderTheyWereSubmitted() {
        MessageStore store = store();
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        try {
            List<CompletableFuture<StoredMessage>> appends = new ArrayList<>();
            List<CompletableFuture<StoredMessage>> repeats = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String receiver = "r" + i % 3;
                appends.add(store.appendAsync(receiver, "s" + i % 2, "fp-" + i, "m" + i, -1, oneThread));
                if (i % 10 == 0) {
                    repeats.add(store.appendAsync(receiver, "s" + i % 2, "fp-" + i, "again", -1, oneThread));
                }
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();

            for (int r = 0; r < 3; r++) {
                int receiver = r;
                List<StoredMessage> mine = appends.stream().map(CompletableFuture::join)
                        .filter(message -> message.receiver().equals("r" + receiver)).toList();
                assertThat(mine).extracting(StoredMessage::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
                assertThat(store.undelivered("r" + r, 0, 1_000)).hasSize(200);
            }
            for (int k = 0; k < repeats.size(); k++) {
                StoredMessage first = appends.get(k * 10).join();
                assertThat(repeats.get(k).join()).extracting(StoredMessage::seq, StoredMessage::content)
                        .containsExactly(first.seq(), first.content());
            }
        }
        finally {
            oneThread.shutdownNow();
        }
    }

    @Test
    void asyncAppendsBeyondTheCapFailAloneWithTheLimitWhileOthersAreStored() {
        MessageStore store = createStore(3, clock);
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        try {
            List<CompletableFuture<StoredMessage>> bob = new ArrayList<>();
            List<CompletableFuture<StoredMessage>> carol = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                bob.add(store.appendAsync("bob", "alice", "fp-" + i, "m" + i, -1, oneThread));
                if (i < 2) {
                    carol.add(store.appendAsync("carol", "alice", "fp-" + i, "m" + i, -1, oneThread));
                }
            }

            assertThat(bob.subList(0, 3)).allSatisfy(append -> assertThat(append.join().receiver()).isEqualTo("bob"));
            assertThat(bob.subList(3, 5)).allSatisfy(append -> assertThatThrownBy(append::join)
                    .hasCauseInstanceOf(StoreFullException.class).hasMessageContaining("3"));
            assertThat(carol).allSatisfy(append -> assertThat(append.join().receiver()).isEqualTo("carol"));
            assertThat(store.countUndelivered("bob")).isEqualTo(3);
        }
        finally {
            oneThread.shutdownNow();
        }
    }
}
