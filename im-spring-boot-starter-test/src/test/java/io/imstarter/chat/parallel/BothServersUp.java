package io.imstarter.chat.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Where the two parallel classes meet: each arrives with its server running and waits for the other. */
final class BothServersUp {

    private static final CountDownLatch ARRIVED = new CountDownLatch(2);

    private static final Set<Integer> PORTS = ConcurrentHashMap.newKeySet();

    private BothServersUp() {
    }

    /** Returns once both classes' servers are running at the same time, on different ports. */
    static void arriveAndAwaitTheOther(int tcpPort) throws InterruptedException {
        PORTS.add(tcpPort);
        ARRIVED.countDown();
        assertThat(ARRIVED.await(2, TimeUnit.MINUTES))
                .as("the other parallel class arrived (run ParallelChatOneTest and ParallelChatTwoTest together)")
                .isTrue();
        assertThat(PORTS).hasSize(2);
    }
}
