package io.imstarter.chat;

import static io.imstarter.test.ImAssertions.assertThat;

import io.imstarter.test.ImTest;
import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImUser;
import org.junit.jupiter.api.Test;

/** The README's ten-line test: no properties, no ports. */
@ImTest
class AliceTalksToBobTest {

    @Test
    void bobReceivesAliceMessageAndAliceGetsHerAck(@ImUser("alice") ImTestClient alice, @ImUser("bob") ImTestClient bob) {
        String fp = alice.send("bob", "hello bob");
        assertThat(bob).received("hello bob").from("alice");
        alice.awaitAck(fp);
    }
}
