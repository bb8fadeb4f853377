package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.store.MessageRef;
import io.imstarter.store.MessageStore;
import io.imstarter.store.StoredMessage;
import io.imstarter.store.jdbc.JdbcMessageStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20: the store pool's queue is bounded by {@code max-queued-tasks}. While a slow database holds both store
 * threads and the queue is full, a replay's page read is refused, counted, and tried again later; nothing is lost:
 * once the database answers, every receiver gets its stored message.
 */
class StoreQueueBoundIT {

    private static final int QUEUED = 1;
    private static final int STORE_THREADS = 2;
    private static final int RECEIVERS = 5;

    private final CountDownLatch release = new CountDownLatch(1);
    private final SlowReads store = new SlowReads(newStore(), release);

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().messageStore(store, ReplaySettings.DEFAULTS)
            .configure(config -> config.setMaxQueuedTasks(QUEUED));

    private static MessageStore newStore() {
        DataSource dataSource = TestDatabases.h2Memory();
        TestDatabases.createTables(dataSource, "h2");
        return new JdbcMessageStore(dataSource, 100, Clock.systemUTC());
    }

    @Test
    void pageReadsBeyondTheQueueAreRefusedCountedAndTriedAgain() {
        String sender = im.newUserId("sender");
        RawClient senderClient = im.loggedIn(Transport.TCP, sender);
        List<String> receivers = new ArrayList<>();
        List<Packet> messages = new ArrayList<>();
        for (int i = 0; i < RECEIVERS; i++) {
            String receiver = im.newUserId("slow-store");
            Packet message = Wire.data(sender, receiver, "stored " + i, true);
            senderClient.send(message);
            senderClient.awaitPacket(Expect.ackOf(message.fp()));
            receivers.add(receiver);
            messages.add(message);
        }
        store.slowDown();

        List<RawClient> receiverClients = new ArrayList<>();
        receivers.forEach(receiver -> receiverClients.add(loggedInRetryingWhileBusy(receiver)));

        await().atMost(RawClient.TIMEOUT).until(() -> im.server().stats().storeTasksRefused()
                >= RECEIVERS - STORE_THREADS - QUEUED);
        release.countDown();
        for (int i = 0; i < RECEIVERS; i++) {
            RawClient client = receiverClients.get(i);
            Packet message = messages.get(i);
            client.awaitPacket(Expect.dataWithFp(message.fp()));
            client.send(Wire.ack(receivers.get(i), sender, message.fp()));
        }
        receivers.forEach(receiver -> await().atMost(RawClient.TIMEOUT)
                .until(() -> store.countUndelivered(receiver) == 0));
        assertThat(im.server().stats().storeTasksRefused()).isPositive();
    }

    /**
     * Logs {@code user} in, trying again when the server answers 305 "busy": the dispatch queue is as small as the
     * store's here, so a login that arrives while a dispatch thread is momentarily taken is refused, as it should be.
     */
    private RawClient loggedInRetryingWhileBusy(String user) {
        AtomicReference<RawClient> loggedIn = new AtomicReference<>();
        await().atMost(RawClient.TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
            RawClient client = im.connect(Transport.TCP);
            client.send(Wire.login(user, "token-" + user, 0));
            Packet answer = client.awaitPacket(packet -> packet.type() == PacketType.LOGIN_RESPONSE
                    || packet.type() == PacketType.ERROR
                    && Expect.errorOf(packet).errorCode() == ErrorCode.RATE_LIMITED);
            if (answer.type() == PacketType.LOGIN_RESPONSE) {
                assertThat(Expect.payload(answer, LoginResponse.class).code()).as("login of %s", user).isZero();
                loggedIn.set(client);
                return true;
            }
            client.close();
            return false;
        });
        return loggedIn.get();
    }

    /** The real store, whose page reads wait for {@code release} once slowed down: a database that stalls. */
    private static final class SlowReads implements MessageStore {

        private final MessageStore store;
        private final CountDownLatch release;
        private volatile boolean slow;

        SlowReads(MessageStore store, CountDownLatch release) {
            this.store = store;
            this.release = release;
        }

        void slowDown() {
            slow = true;
        }

        @Override
        public List<StoredMessage> undelivered(String receiver, long afterSeq, int limit) {
            if (slow) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return store.undelivered(receiver, afterSeq, limit);
        }

        @Override
        public StoredMessage append(String receiver, String sender, String fp, String content, int typeu) {
            return store.append(receiver, sender, fp, content, typeu);
        }

        @Override
        public StoredMessage recordDelivered(String receiver, String sender, String fp, String content, int typeu) {
            return store.recordDelivered(receiver, sender, fp, content, typeu);
        }

        @Override
        public boolean markDelivered(String receiver, String sender, String fp) {
            return store.markDelivered(receiver, sender, fp);
        }

        @Override
        public int markDelivered(String receiver, List<MessageRef> messages) {
            return store.markDelivered(receiver, messages);
        }

        @Override
        public long countUndelivered(String receiver) {
            return store.countUndelivered(receiver);
        }

        @Override
        public List<StoredMessage> history(String user, String peer, long beforeId, int limit) {
            return store.history(user, peer, beforeId, limit);
        }

        @Override
        public long expireAcceptedBefore(Instant cutoff) {
            return store.expireAcceptedBefore(cutoff);
        }
    }
}
