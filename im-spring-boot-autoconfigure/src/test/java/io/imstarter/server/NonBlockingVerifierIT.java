package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A login verifier that never blocks (a token checked with a key held in memory) is called on the connection's event
 * loop: logins are accepted and refused while every dispatch thread is held by the application, with no hop to the
 * decision pool. One that may block still runs on the decision pool.
 */
class NonBlockingVerifierIT {

    private static final String HOLD = "hold the dispatch thread";

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(2);
    /** The threads the verifier ran on. */
    private final List<String> verifierThreads = new CopyOnWriteArrayList<>();

    private final LoginVerifier inMemoryTokens = new LoginVerifier() {
        @Override
        public int verify(LoginRequest request) {
            verifierThreads.add(Thread.currentThread().getName());
            return ("ok-" + request.userId()).equals(request.token()) ? 0 : 1026;
        }

        @Override
        public boolean neverBlocks() {
            return true;
        }
    };

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().builder(builder -> builder.loginVerifier(inMemoryTokens)
            .listener(new ImServerListener() {
                @Override
                public void onC2SReceived(Packet message, SessionInfo sender) {
                    if (HOLD.equals(message.dataContent())) {
                        held.countDown();
                        awaitRelease();
                    }
                }
            }));

    @AfterEach
    void releaseTheDispatchThreads() {
        release.countDown();
    }

    @ParameterizedTest(name = "logins are verified on the event loop while the dispatch pool is busy, on {0}")
    @EnumSource(Transport.class)
    void loginsAreVerifiedOnTheEventLoopWhileTheDispatchPoolIsBusy(Transport transport) throws Exception {
        holdEveryDispatchThread(transport);
        String user = im.newUserId("fast");

        assertThat(im.connect(transport).login(user, "ok-" + user, 0).code()).isZero();
        assertThat(im.connect(transport).login(user, "stolen", 0).code()).isEqualTo(1026);

        assertThat(verifierThreads).hasSize(2).allSatisfy(thread -> assertThat(thread).startsWith("im-io"));
    }

    private void holdEveryDispatchThread(Transport transport) throws InterruptedException {
        for (long i = held.getCount(); i > 0; i--) {
            String blocker = im.newUserId("blocker");
            RawClient client = im.connect(transport);
            client.login(blocker, "ok-" + blocker, 0);
            client.send(Wire.c2s(blocker, HOLD, false));
        }
        assertThat(held.await(RawClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        verifierThreads.clear();
    }

    private void awaitRelease() {
        try {
            release.await(RawClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
