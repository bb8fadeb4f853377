package io.imstarter.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.cluster.redis.ClusterNodes.Node;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.RawClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 21, one session: 200 rounds of one user logging in on two nodes at the same instant (TCP and WebSocket in
 * turn), with a poller that looks at both nodes' sessions every millisecond. The winner's node registers its session
 * only once the loser's node confirmed that its session ended, or that it will end as it registers (then at once,
 * on the registering thread); so the user is registered on both nodes for no longer than {@link #BOUND} at a
 * stretch, the time the loser's node takes from registering to ending. Before the winner waited, the same poller saw
 * both in 923 of 200 TCP rounds' samples, for up to 97.5 ms; after, in none.
 */
class OneSessionSamplerIT {

    private static final int ROUNDS = 200;
    /**
     * The bound docs/cluster.md states: a few milliseconds of scheduling on the loser's node, with room for a busy
     * machine. The longest stretch measured is printed by each run.
     */
    static final Duration BOUND = Duration.ofMillis(20);

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopPoller() {
        poller.shutdownNow();
    }

    @Test
    void simultaneousLoginsOnTwoNodesAreNeverBothRegisteredLongerThanTheBound() throws Exception {
        Node a = cluster.start("a");
        Node b = cluster.start("b");
        AtomicReference<String> user = new AtomicReference<>("nobody");
        AtomicLong bothSince = new AtomicLong(-1);
        AtomicLong longest = new AtomicLong();
        AtomicLong overlappingSamples = new AtomicLong();
        poller.scheduleAtFixedRate(() -> {
            String polled = user.get();
            long now = System.nanoTime();
            if (a.server().session(polled).isPresent() && b.server().session(polled).isPresent()) {
                overlappingSamples.incrementAndGet();
                bothSince.compareAndSet(-1, now);
                longest.accumulateAndGet(now - bothSince.get(), Math::max);
            }
            else {
                bothSince.set(-1);
            }
        }, 1, 1, TimeUnit.MILLISECONDS);

        for (int round = 0; round < ROUNDS; round++) {
            String bob = cluster.newUserId("bob");
            Transport transport = round % 2 == 0 ? Transport.TCP : Transport.WEBSOCKET;
            user.set(bob);
            RawClient onA = a.connect(transport);
            RawClient onB = b.connect(transport);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Integer> loginA = CompletableFuture.supplyAsync(() -> awaitThenLogin(go, a, onA, bob));
            CompletableFuture<Integer> loginB = CompletableFuture.supplyAsync(() -> awaitThenLogin(go, b, onB, bob));
            go.countDown();
            assertThat(loginA.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(loginB.get(10, TimeUnit.SECONDS)).isZero();
            await().atMost(RawClient.TIMEOUT).until(() -> a.server().session(bob).isPresent()
                    != b.server().session(bob).isPresent());
            onA.close();
            onB.close();
        }

        System.out.printf("%d simultaneous logins on two nodes: registered on both in %d samples, longest stretch "
                + "%.1f ms%n", ROUNDS, overlappingSamples.get(), longest.get() / 1e6);
        assertThat(Duration.ofNanos(longest.get())).isLessThanOrEqualTo(BOUND);
    }

    private static int awaitThenLogin(CountDownLatch go, Node node, RawClient client, String userId) {
        try {
            go.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return node.login(client, userId, 0).code();
    }
}
