package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private final HeldDispatchThreads dispatch = new HeldDispatchThreads(2);
    /** The threads the verifier ran on. */
    private final List<String> verifierThreads = new CopyOnWriteArrayList<>();

    /** Accepts the extension's own token for each user, by comparing strings: pure computation. */
    private final LoginVerifier inMemoryTokens = new LoginVerifier() {
        @Override
        public int verify(LoginRequest request) {
            verifierThreads.add(Thread.currentThread().getName());
            return ("token-" + request.userId()).equals(request.token()) ? 0 : 1026;
        }

        @Override
        public boolean neverBlocks() {
            return true;
        }
    };

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().builder(builder -> builder.loginVerifier(inMemoryTokens)
            .listener(dispatch));

    @AfterEach
    void releaseTheDispatchThreads() {
        dispatch.release();
    }

    @ParameterizedTest(name = "logins are verified on the event loop while the dispatch pool is busy, on {0}")
    @EnumSource(Transport.class)
    void loginsAreVerifiedOnTheEventLoopWhileTheDispatchPoolIsBusy(Transport transport) throws Exception {
        dispatch.holdAll(im, transport);
        verifierThreads.clear();
        String user = im.newUserId("fast");

        assertThat(im.connect(transport).login(user, "token-" + user, 0).code()).isZero();
        assertThat(im.connect(transport).login(user, "stolen", 0).code()).isEqualTo(1026);

        assertThat(verifierThreads).hasSize(2).allSatisfy(thread -> assertThat(thread).startsWith("im-io"));
    }
}
