package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Received;
import io.imstarter.testsupport.Wire;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checklist item 24: the per-connection packet rate and error rate limits (sections 4 and 7), at their defaults. */
class RateLimitIT {

    private static final int BURST = 1000;
    private static final int PACKETS_PER_SECOND = 100;
    private static final int PACKET_BURST = 200;
    private static final int ERRORS_PER_SECOND = 10;

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension();

    @ParameterizedTest(name = "item 24: a burst of 1000 type 2 draws 52/305, at most 10 errors a second, on {0}")
    @EnumSource(Transport.class)
    void burstIsLimitedAndKeepAliveStillAnswered(Transport transport) {
        String user = im.newUserId("flood");
        RawClient client = im.loggedIn(transport, user);
        long start = System.nanoTime();

        for (int i = 0; i < BURST; i++) {
            client.send(Wire.c2s(user, "flood " + i, false));
        }
        client.send(Wire.keepAlive(user));

        // Packets are processed in order, so once the 51 is here every error of the burst has been sent.
        client.awaitPacket(Expect.type(PacketType.KEEP_ALIVE_RESPONSE));
        Packet firstError = client.awaitPacket(Expect.error(ErrorCode.RATE_LIMITED));
        assertThat(Expect.errorOf(firstError).errorMsg()).contains(String.valueOf(PACKETS_PER_SECOND));
        List<Received> errors = errors(client);
        double errorSpanSeconds = (errors.get(errors.size() - 1).nanoTime() - errors.get(0).nanoTime()) / 1e9;
        assertThat(errors.size()).as("error packets over %.2f s", errorSpanSeconds)
                .isLessThanOrEqualTo(ERRORS_PER_SECOND + (int) Math.ceil(errorSpanSeconds * ERRORS_PER_SECOND));
        for (int i = 0; i + ERRORS_PER_SECOND < errors.size(); i++) {
            long apart = errors.get(i + ERRORS_PER_SECOND).nanoTime() - errors.get(i).nanoTime();
            assertThat(apart).as("error %d and error %d are about a second apart, not within one window", i,
                    i + ERRORS_PER_SECOND).isGreaterThan(900_000_000L);
        }
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(im.listener().c2sReceived(user).size()).as("messages let through in %.2f s", elapsedSeconds)
                .isLessThanOrEqualTo(PACKET_BURST + (int) Math.ceil(elapsedSeconds * PACKETS_PER_SECOND))
                .isLessThan(BURST);
        assertThat(client.keepAlive(user).to()).isEqualTo(user);
        assertThat(im.server().session(user)).isPresent();
    }

    private static List<Received> errors(RawClient client) {
        return client.inbox().all().stream()
                .filter(r -> r.packet() != null && r.packet().type() == PacketType.ERROR).toList();
    }
}
