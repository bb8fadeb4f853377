package io.imstarter.sample.im;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Transport;
import io.imstarter.server.LoginRequest;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DemoLoginVerifierTest {

    private final DemoLoginVerifier verifier = new DemoLoginVerifier();

    @Test
    void acceptsPasswordsOfAtLeastFourCharacters() {
        assertThat(verifier.verify(login("abcd"))).isZero();
    }

    @Test
    void refusesShortBlankOrMissingPasswordsWithCode1025() {
        assertThat(verifier.verify(login("abc"))).isEqualTo(1025);
        assertThat(verifier.verify(login("      "))).isEqualTo(1025);
        assertThat(verifier.verify(login(null))).isEqualTo(1025);
    }

    private static LoginRequest login(String token) {
        return new LoginRequest("alice", token, null, Transport.TCP, new InetSocketAddress("127.0.0.1", 5000));
    }
}
