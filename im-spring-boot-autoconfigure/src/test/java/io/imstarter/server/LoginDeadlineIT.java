package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 10, deadlines: every connection must log in within {@code login-timeout} (1 s here), whatever it sends
 * meanwhile; a logged-in connection is not affected. Idle timeouts stay long, so only the login deadline can close.
 */
class LoginDeadlineIT {

    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration ECHO_EVERY = Duration.ofMillis(200);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().configure(config -> {
        config.setLoginTimeout(LOGIN_TIMEOUT);
        for (Transport transport : Transport.values()) {
            config.gateway(transport).setIdleTimeout(Duration.ofSeconds(30));
        }
    });

    @ParameterizedTest(name = "an echo every 200 ms does not keep a connection that never logs in open on {0}")
    @EnumSource(Transport.class)
    void connectionThatNeverLogsInIsClosedDespiteEchoes(Transport transport) {
        long before = im.server().stats().loginTimeouts();
        long opened = System.nanoTime();
        RawClient client = im.connect(transport);

        await().atMost(RawClient.TIMEOUT).pollInterval(ECHO_EVERY).until(() -> {
            try {
                client.send(Wire.echo(UserIds.UNKNOWN, "still here"));
            }
            catch (RuntimeException writeFailed) {
                // TCP and WebSocket writes fail once the server has closed the connection.
                return true;
            }
            return closedByServer(client, before);
        });

        assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(LOGIN_TIMEOUT);
        assertThat(client.received()).anyMatch(Expect.type(PacketType.ECHO_RESPONSE));
        assertThat(im.server().stats().loginTimeouts()).isGreaterThan(before);
    }

    @ParameterizedTest(name = "a connection that logged in outlives the login timeout on {0}")
    @EnumSource(Transport.class)
    void loggedInConnectionIsNotAffected(Transport transport) {
        String user = im.newUserId("deadline-ok");
        RawClient client = im.loggedIn(transport, user);

        await().during(LOGIN_TIMEOUT.multipliedBy(2)).atMost(RawClient.TIMEOUT).pollInterval(ECHO_EVERY)
                .until(() -> {
                    client.send(Wire.echo(user, "alive"));
                    return im.server().session(user).isPresent() && !client.isClosed();
                });

        assertThat(client.keepAlive(user).to()).isEqualTo(user);
    }

    /**
     * TCP and WebSocket see the socket close. UDP has no close to see: the server forgets the peer, and the next
     * echo from the same socket makes a new peer with a deadline of its own, so the counter tells. Every other
     * connection of this class logs in at once, so only this test's peer can move it.
     */
    private static boolean closedByServer(RawClient client, long loginTimeoutsBefore) {
        if (client.transport() != Transport.UDP) {
            return client.isClosed();
        }
        return im.server().stats().loginTimeouts() > loginTimeoutsBefore;
    }
}
