package io.imstarter.chat.optional;

import static io.imstarter.test.ImAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imstarter.protocol.Transport;
import io.imstarter.test.ImTest;
import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImTestClients;
import io.imstarter.test.ImUser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A secured application (token login with a secret): test users log in with issued tokens, no hand-made JWTs. */
@Tag("optional-dependencies")
@ImTest(properties = "im.server.auth.jwt.secret=a-test-secret-that-is-at-least-32-bytes-long")
class TokenLoginTest {

    @Autowired
    private ImTestClients clients;

    @Test
    void testUsersLogInWithIssuedTokens(@ImUser("alice") ImTestClient alice,
            @ImUser(value = "bob", transport = Transport.WEBSOCKET) ImTestClient bob) {
        String fp = alice.send("bob", "signed in");
        assertThat(bob).received("signed in");
        alice.awaitAck(fp);
    }

    @Test
    void aForgedTokenIsStillRefused() {
        assertThatThrownBy(() -> clients.login("mallory", Transport.TCP, "not.a.jwt", true))
                .isInstanceOf(AssertionError.class).hasMessageContaining("mallory could not log in")
                .hasMessageContaining("refused");
    }
}
