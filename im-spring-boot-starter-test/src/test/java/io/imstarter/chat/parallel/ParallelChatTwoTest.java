package io.imstarter.chat.parallel;

import static io.imstarter.test.ImAssertions.assertThat;

import io.imstarter.test.ImTest;
import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImUser;
import io.imstarter.test.LocalImTcpPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The ten-line test on a context of its own (one property differs), run in parallel with its twin. */
@ImTest(properties = "chat.instance=two")
@Execution(ExecutionMode.CONCURRENT)
class ParallelChatTwoTest {

    @LocalImTcpPort
    private int tcpPort;

    @Test
    void aliceTalksToBobWhileTheOtherServerRuns(@ImUser("alice") ImTestClient alice, @ImUser("bob") ImTestClient bob)
            throws InterruptedException {
        BothServersUp.arriveAndAwaitTheOther(tcpPort);
        String fp = alice.send("bob", "hello from two");
        assertThat(bob).received("hello from two").from("alice").andNothingElse();
        alice.awaitAck(fp);
    }
}
