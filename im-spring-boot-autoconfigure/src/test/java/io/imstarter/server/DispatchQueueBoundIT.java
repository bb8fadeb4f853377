package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20: the dispatch pool's queue is bounded. A plain-Java listener that blocks holds the one dispatch thread;
 * the next connections' packets queue up to {@code max-queued-tasks}, and beyond it a packet is refused with
 * 52/305 naming the limit and a listener call raised on an event loop is dropped and counted, instead of growing the
 * queue. Once the listener lets go, everything admitted is handled and the server takes new work.
 */
class DispatchQueueBoundIT {

    private static final int CAPACITY = 4;
    private static final int USERS = 12;
    private static final int IO_THREADS = 2;

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger blockedCalls = new AtomicInteger();

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension()
            .configure(config -> config.setDispatchThreads(1).setIoThreads(IO_THREADS).setMaxQueuedTasks(CAPACITY))
            .builder(builder -> builder.listener(new ImServerListener() {
                @Override
                public void onC2SReceived(Packet message, SessionInfo sender) {
                    blockedCalls.incrementAndGet();
                    awaitRelease();
                }
            }));

    @Test
    void aBlockingListenerFillsTheQueueToItsBoundThenPacketsAreRefusedAndEventsDropped() {
        List<String> users = new ArrayList<>();
        List<RawClient> clients = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String user = im.newUserId("busy");
            users.add(user);
            clients.add(im.loggedIn(Transport.TCP, user));
        }
        clients.get(0).send(Wire.c2s(users.get(0), "blocks the dispatch thread", true));
        await().atMost(RawClient.TIMEOUT).until(() -> blockedCalls.get() == 1);

        List<Packet> sent = new ArrayList<>();
        for (int i = 1; i < USERS; i++) {
            Packet message = Wire.c2s(users.get(i), "waits", true);
            sent.add(message);
            clients.get(i).send(message);
        }

        // The bound is checked as a packet arrives, on its event loop: with two loops, one more may slip in at once.
        int mostAdmitted = CAPACITY + IO_THREADS - 1;
        await().atMost(RawClient.TIMEOUT).until(() -> im.server().stats().refusedBusy() >= USERS - 1 - mostAdmitted);
        List<RawClient> refused = new ArrayList<>();
        List<RawClient> admitted = new ArrayList<>();
        for (int i = 1; i < USERS; i++) {
            RawClient client = clients.get(i);
            (client.inbox().poll(Expect.error(ErrorCode.RATE_LIMITED), Duration.ofMillis(200)) != null ? refused
                    : admitted).add(client);
        }
        // At most the bound (the server's own tasks may hold some of its places), never more.
        assertThat(admitted).as("packets queued behind the blocked listener").hasSizeLessThanOrEqualTo(mostAdmitted);
        assertThat(im.server().stats().refusedBusy()).isEqualTo(refused.size());
        assertThat(Expect.errorOf(refused.get(0).inbox().matching(Expect.error(ErrorCode.RATE_LIMITED)).get(0))
                .errorMsg()).startsWith("The server is busy: " + CAPACITY + " tasks wait for a dispatch thread");

        refused.get(0).close();
        await().atMost(RawClient.TIMEOUT).until(() -> im.server().stats().eventsDropped() > 0);

        release.countDown();
        await().atMost(RawClient.TIMEOUT).until(() -> blockedCalls.get() == 1 + admitted.size());
        for (RawClient client : admitted) {
            Packet queued = sent.get(clients.indexOf(client) - 1);
            client.awaitPacket(Expect.ackOf(queued.fp()));
        }
        Packet afterwards = Wire.c2s(users.get(0), "after the release", true);
        clients.get(0).send(afterwards);
        clients.get(0).awaitPacket(Expect.ackOf(afterwards.fp()));
    }

    private void awaitRelease() {
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the listener");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
