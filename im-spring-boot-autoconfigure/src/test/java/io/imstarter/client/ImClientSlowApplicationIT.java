package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.QosTimings;
import io.imstarter.testsupport.RecordingClientListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A receiving application that takes 20 ms per message (section 9.6): a client stopped abruptly with a backlog has
 * ACKed only what its application handled, the rest comes again to the next instance, and nothing is handled twice.
 */
class ImClientSlowApplicationIT {

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    private static final long WORK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** The sender keeps re-sending for about 20 s, longer than the receiver is away. */
    private static ImClientConfig patientSender(ImClientConfig config) {
        QosTimings.set(config.getQos(), Duration.ofSeconds(1), Duration.ofSeconds(1), 20, 1000);
        return config;
    }

    /**
     * Default receiver legs: a backlog of a few seconds is ACKed before the server would hand a message off. (An ACK
     * arriving during a hand-off is dropped, section 9.5, and the message could come twice.)
     */
    @RegisterExtension
    final ImServerExtension im = new ImServerExtension()
            .configure(config -> QosTimings.set(config.getQos(), Duration.ofSeconds(5), Duration.ofSeconds(2), 1,
                    100_000).setReceiverAckTimeout(Duration.ofSeconds(10)));

    @Test
    void aClientStoppedWithABacklogHasAcknowledgedOnlyWhatItsApplicationHandled() throws Exception {
        int messages = 300;
        int diesAt = 50;
        RecordingClientListener aliceEvents = new RecordingClientListener();
        Queue<String> handledByFirst = new ConcurrentLinkedQueue<>();
        Queue<String> handledBySecond = new ConcurrentLinkedQueue<>();
        try (ImClient alice = shared.client(patientSender(im.clientConfig(Transport.TCP)));
                ImClient first = shared.client(im.clientConfig(Transport.TCP));
                ImClient second = shared.client(im.clientConfig(Transport.TCP))) {
            alice.addListener(aliceEvents);
            SlowApplication doomed = new SlowApplication(first, handledByFirst, diesAt);
            first.addListener(doomed);
            alice.login("alice", "tk", null).get(10, TimeUnit.SECONDS);
            first.login("bob", "tk", null).get(10, TimeUnit.SECONDS);

            List<CompletableFuture<String>> sends = sendAll(alice, messages);
            await().atMost(Duration.ofSeconds(30)).untilTrue(doomed.dead);
            assertThat(doomed.backlogAtDeath).as("a backlog was waiting when it died").isGreaterThan(1);
            Set<String> ackedWhileFirstRan = fps(aliceEvents.acked);

            second.addListener(new SlowApplication(second, handledBySecond, Integer.MAX_VALUE));
            second.login("bob", "tk", null).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> sends.stream().allMatch(CompletableFuture::isDone));

            assertThat(aliceEvents.lost).as("0 reported lost").isEmpty();
            assertThat(sends).allSatisfy(send -> assertThat(send).isCompleted());
            assertThat(handledByFirst).hasSize(diesAt - 1).doesNotHaveDuplicates();
            assertThat(ackedWhileFirstRan).as("0 silent losses: every ACK stands for a handled message")
                    .isSubsetOf(handledByFirst);
            List<String> handled = new ArrayList<>(handledByFirst);
            handled.addAll(handledBySecond);
            assertThat(handled).as("every message handled exactly once").hasSize(messages).doesNotHaveDuplicates();
            assertThat(fps(aliceEvents.acked)).containsExactlyInAnyOrderElementsOf(handled);
        }
    }

    @Test
    void aFullBacklogRefusesMessagesWhichTheSenderThenDeliversOnce() throws Exception {
        int messages = 100;
        RecordingClientListener aliceEvents = new RecordingClientListener();
        Queue<String> handled = new ConcurrentLinkedQueue<>();
        try (ImClient alice = shared.client(patientSender(im.clientConfig(Transport.TCP)));
                ImClient bob = shared.client(im.clientConfig(Transport.TCP)
                        .setMaxUnhandledMessages(10))) {
            alice.addListener(aliceEvents);
            bob.addListener(new SlowApplication(bob, handled, Integer.MAX_VALUE));
            alice.login("alice", "tk", null).get(10, TimeUnit.SECONDS);
            bob.login("bob", "tk", null).get(10, TimeUnit.SECONDS);

            List<CompletableFuture<String>> sends = sendAll(alice, messages);
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.messagesRefusedForBacklog() > 0);
            assertThat(bob.unhandledMessages()).isLessThanOrEqualTo(10);
            await().atMost(Duration.ofSeconds(60)).until(() -> sends.stream().allMatch(CompletableFuture::isDone));

            assertThat(aliceEvents.lost).isEmpty();
            assertThat(handled).hasSize(messages).doesNotHaveDuplicates();
            assertThat(fps(aliceEvents.acked)).containsExactlyInAnyOrderElementsOf(handled);
        }
    }

    private static List<CompletableFuture<String>> sendAll(ImClient sender, int count) {
        List<CompletableFuture<String>> sends = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sends.add(sender.send("bob", "message " + i, 1));
        }
        return sends;
    }

    private static Set<String> fps(Queue<Packet> packets) {
        Set<String> fps = new HashSet<>();
        packets.forEach(packet -> fps.add(packet.fp()));
        return fps;
    }

    /**
     * An application that works 20 ms on each message. When {@code diesAt} messages have arrived its process
     * dies in the middle of that message: the client is stopped without a logout and nothing more is handled.
     */
    private static final class SlowApplication implements ImClientListener {

        private final ImClient client;
        private final Queue<String> handled;
        private final int diesAt;
        private final AtomicInteger arrived = new AtomicInteger();
        final AtomicBoolean dead = new AtomicBoolean();
        volatile int backlogAtDeath;

        SlowApplication(ImClient client, Queue<String> handled, int diesAt) {
            this.client = client;
            this.handled = handled;
            this.diesAt = diesAt;
        }

        @Override
        public void onMessage(String userId, Packet message) {
            if (dead.get() || arrived.incrementAndGet() == diesAt) {
                if (dead.compareAndSet(false, true)) {
                    backlogAtDeath = client.unhandledMessages();
                    client.close();
                }
                throw new IllegalStateException("the process is gone");
            }
            // The application's own work on the message.
            LockSupport.parkNanos(WORK_NANOS);
            handled.add(message.fp());
        }
    }
}
