package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A listener that holds the server's dispatch threads, as a slow application would: each C2S message saying
 * {@value #HOLD} keeps its dispatch thread until {@link #release()}. For tests of what still happens on the event
 * loops while the dispatch pool is busy.
 */
final class HeldDispatchThreads implements ImServerListener {

    private static final String HOLD = "hold the dispatch thread";

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch held;

    /** @param dispatchThreads the test server's dispatch threads (two with {@link ImServerExtension}) */
    HeldDispatchThreads(int dispatchThreads) {
        this.held = new CountDownLatch(dispatchThreads);
    }

    @Override
    public void onC2SReceived(Packet message, SessionInfo sender) {
        if (HOLD.equals(message.dataContent())) {
            held.countDown();
            try {
                release.await(RawClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Logs a user in per dispatch thread and has each send a message that holds one; returns once all are held. */
    void holdAll(ImServerExtension im, Transport transport) throws InterruptedException {
        for (long i = held.getCount(); i > 0; i--) {
            String blocker = im.newUserId("blocker");
            im.loggedIn(transport, blocker).send(Wire.c2s(blocker, HOLD, false));
        }
        assertThat(held.await(RawClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    void release() {
        release.countDown();
    }
}
