package io.imstarter.chat.suite;

import static io.imstarter.test.ImAssertions.assertThat;

import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImUser;
import org.junit.jupiter.api.Test;

@ChatSuiteTest
class TcpChatTest {

    @Test
    void messagesArriveInTheOrderSent(@ImUser("tcp-alice") ImTestClient alice, @ImUser("tcp-bob") ImTestClient bob) {
        String first = alice.send("tcp-bob", "one");
        String second = alice.send("tcp-bob", "two");
        String third = alice.send("tcp-bob", "three", 7);

        assertThat(bob).received("one", "two", "three").inOrder().from("tcp-alice").andNothingElse();
        assertThat(bob).receivedFingerprints(first, second, third).inOrder();
        alice.awaitAck(first).awaitAck(second).awaitAck(third);
    }

    @Test
    void aReplyComesBackOnTheSameClients(@ImUser("tcp-carol") ImTestClient carol, @ImUser("tcp-dave") ImTestClient dave) {
        carol.send("tcp-dave", "ping");
        dave.awaitMessage();
        String reply = dave.send("tcp-carol", "pong", 3);

        assertThat(carol).received("pong").from("tcp-dave").withTypeu(3);
        dave.awaitAck(reply);
    }
}
