package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RecordingListener.Logout;
import io.imstarter.testsupport.Wire;
import java.util.function.IntFunction;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every inbound packet counts against a limit, keep-alives included; a connection that keeps going is closed. */
class FloodingIT {

    private static final int KEEP_ALIVES_PER_SECOND = 10;
    private static final int CLOSE_AFTER_REFUSED = 50;
    /** Ten times the default burst: far more than the bucket refills while a raw client sends them one by one. */
    private static final int MESSAGE_FLOOD = 10 * new ImServerConfig().getRateLimit().getBurst();

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension()
            .configure(config -> config.getRateLimit().setKeepAlivesPerSecond(KEEP_ALIVES_PER_SECOND)
                    .setCloseAfterRefused(CLOSE_AFTER_REFUSED));

    @ParameterizedTest(name = "keep-alives past their limit get 52/305 and the connection stays open on {0}")
    @EnumSource(Transport.class)
    void keepAlivesPastTheirLimitAreRefused(Transport transport) {
        String user = im.newUserId("ka-burst");
        RawClient client = im.loggedIn(transport, user);
        long start = System.nanoTime();

        for (int i = 0; i < CLOSE_AFTER_REFUSED / 2; i++) {
            client.send(Wire.keepAlive(user));
        }

        assertThat(Expect.errorOf(client.awaitPacket(Expect.error(ErrorCode.RATE_LIMITED))).errorMsg())
                .contains("keep-alives", String.valueOf(KEEP_ALIVES_PER_SECOND));
        // Packets are handled in order, so once the echo is answered every accepted keep-alive has been too.
        client.send(Wire.echo(user, "after the burst"));
        client.awaitPacket(Expect.type(PacketType.ECHO_RESPONSE));
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(client.inbox().matching(Expect.type(PacketType.KEEP_ALIVE_RESPONSE)))
                .as("keep-alives answered in %.2f s", elapsedSeconds)
                .hasSizeLessThanOrEqualTo(2 * KEEP_ALIVES_PER_SECOND
                        + (int) Math.ceil(elapsedSeconds * KEEP_ALIVES_PER_SECOND));
        await().atMost(RawClient.TIMEOUT).until(() -> client.keepAlive(user).to().equals(user));
        assertThat(im.server().session(user)).isPresent();
    }

    @ParameterizedTest(name = "a keep-alive flood is closed as FLOODING with one logout on {0}")
    @EnumSource(Transport.class)
    void aKeepAliveFloodIsClosedWithOneLogout(Transport transport) {
        String user = im.newUserId("ka-flood");
        RawClient client = im.loggedIn(transport, user);
        long closedBefore = im.server().stats().closedForFlooding();

        flood(client, 2 * KEEP_ALIVES_PER_SECOND + CLOSE_AFTER_REFUSED + 10, i -> Wire.keepAlive(user));

        client.awaitClosedByServer();
        await().atMost(RawClient.TIMEOUT).until(() -> !im.listener().loggedOut(user).isEmpty());
        assertThat(im.listener().loggedOut(user)).extracting(Logout::reason).containsExactly(LogoutReason.FLOODING);
        assertThat(im.server().session(user)).isEmpty();
        assertThat(im.server().stats().closedForFlooding()).isGreaterThan(closedBefore);
    }

    @ParameterizedTest(name = "a C2C flood is closed as FLOODING on {0}")
    @EnumSource(Transport.class)
    void aMessageFloodIsClosedAsFlooding(Transport transport) {
        String user = im.newUserId("c2c-flood");
        RawClient client = im.loggedIn(transport, user);

        flood(client, MESSAGE_FLOOD, i -> Wire.data(user, "nobody", "flood " + i, false));

        client.awaitClosedByServer();
        await().atMost(RawClient.TIMEOUT).until(() -> !im.listener().loggedOut(user).isEmpty());
        assertThat(im.listener().loggedOut(user)).extracting(Logout::reason).containsExactly(LogoutReason.FLOODING);
    }

    /** Sends up to {@code count} packets, fewer if the server closes the connection in the middle. */
    private static void flood(RawClient client, int count, IntFunction<Packet> packet) {
        for (int i = 0; i < count && !client.isClosed(); i++) {
            try {
                client.send(packet.apply(i));
            }
            catch (RuntimeException closedMidFlood) {
                return;
            }
        }
    }
}
