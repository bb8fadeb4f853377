package io.imstarter.chat.parallel;

import static io.imstarter.test.ImAssertions.assertThat;

import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImUser;
import io.imstarter.test.LocalImTcpPort;
import org.junit.jupiter.api.Test;

/** The ten-line test, waiting first until the twin class's server runs too. */
abstract class ParallelChat {

    @LocalImTcpPort
    private int tcpPort;

    @Test
    void aliceTalksToBobWhileTheOtherServerRuns(@ImUser("alice") ImTestClient alice, @ImUser("bob") ImTestClient bob)
            throws InterruptedException {
        BothServersUp.arriveAndAwaitTheOther(tcpPort);
        String greeting = "hello from " + getClass().getSimpleName();
        String fp = alice.send("bob", greeting);
        assertThat(bob).received(greeting).from("alice").andNothingElse();
        alice.awaitAck(fp);
    }
}
