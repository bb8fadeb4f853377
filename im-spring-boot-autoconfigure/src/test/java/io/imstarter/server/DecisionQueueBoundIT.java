package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.PacketType;
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
 * Issue 20: the decision pool's queue is bounded by {@code max-queued-tasks}. A login verifier that blocks holds
 * every decision thread (32 at most) and the queue behind them; a login beyond that is answered at once with 50 and
 * code 2 instead of waiting in a queue that grows, and the logins admitted go through once the verifier answers.
 */
class DecisionQueueBoundIT {

    private static final int QUEUED = 2;
    private static final int DECISION_THREADS = 32;
    private static final int ADMITTED = DECISION_THREADS + QUEUED;
    private static final int LOGINS = ADMITTED + 4;

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger verifying = new AtomicInteger();

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension()
            .configure(config -> config.setDispatchThreads(1).setMaxQueuedTasks(QUEUED)
                    .setLoginVerifyTimeout(Duration.ofSeconds(30)))
            .builder(builder -> builder.loginVerifier(request -> {
                verifying.incrementAndGet();
                awaitRelease();
                return ErrorCode.OK;
            }));

    @Test
    void aLoginBeyondTheBusyVerifiersAndTheQueueIsRefusedAtOnce() {
        List<RawClient> admitted = new ArrayList<>();
        try {
            // One at a time, each on to the verifier (or its queue) before the next: the dispatch pool, bounded by
            // the same setting, is not what this test fills. The pool runs the first on its core thread, queues the
            // next two, and starts a thread for each further one once the queue is full.
            for (int i = 1; i <= ADMITTED; i++) {
                admitted.add(login());
                int running = i <= 1 + QUEUED ? 1 : i - QUEUED;
                await().atMost(RawClient.TIMEOUT).until(() -> verifying.get() == running);
            }
            assertThat(answered(admitted)).as("no login answered while the verifier blocks").isEmpty();

            for (int i = 0; i < LOGINS - ADMITTED; i++) {
                RawClient refused = login();
                assertThat(Expect.payload(refused.awaitPacket(Expect.type(PacketType.LOGIN_RESPONSE)),
                        LoginResponse.class).code()).isEqualTo(ErrorCode.UNKNOWN_ERROR);
            }

            release.countDown();
            admitted.forEach(client -> assertThat(Expect.payload(client.awaitPacket(Expect.type(
                    PacketType.LOGIN_RESPONSE)), LoginResponse.class).code()).isEqualTo(ErrorCode.OK));
        }
        finally {
            release.countDown();
        }
    }

    private RawClient login() {
        RawClient client = im.connect(Transport.TCP);
        client.send(Wire.login(im.newUserId("waiting"), "token", 0));
        return client;
    }

    private static List<RawClient> answered(List<RawClient> clients) {
        return clients.stream().filter(client -> !client.inbox().matching(Expect.type(PacketType.LOGIN_RESPONSE))
                .isEmpty()).toList();
    }

    private void awaitRelease() {
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the verifier");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
