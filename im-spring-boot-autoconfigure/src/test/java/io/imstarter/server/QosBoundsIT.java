package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.UserPair;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Section 9.2: the server's send daemons are bounded; a full queue refuses new QoS sends instead of growing. */
class QosBoundsIT {

    private static final int MAX_PENDING = 2;

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().configure(config -> config
            .getQos().setMinAge(Duration.ofSeconds(5)).setMaxRetries(1).setCheckInterval(Duration.ofSeconds(5))
            .setMaxPending(MAX_PENDING));

    @Test
    @DisplayName("section 9.2: with the C2C receiver-leg queue full a QoS C2C gets 52/305")
    void fullC2cQueueRefusesNewMessages() {
        UserPair pair = im.loggedInPair(Transport.TCP);
        for (int i = 0; i < MAX_PENDING; i++) {
            Packet message = Wire.data(pair.sender(), pair.receiver(), "pending " + i, true);
            pair.senderClient().send(message);
            pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        }
        Packet overflow = Wire.data(pair.sender(), pair.receiver(), "one too many", true);

        pair.senderClient().send(overflow);

        Packet error = pair.senderClient().awaitPacket(Expect.error(ErrorCode.RATE_LIMITED));
        assertThat(Expect.errorOf(error).errorMsg()).endsWith(" fp=" + overflow.fp());
        pair.receiverClient().assertNothingMore(Expect.dataWithFp(overflow.fp()), Duration.ofMillis(300));
    }

    @Test
    @DisplayName("section 9.2: with the S2C queue full a QoS S2C send fails with QUEUE_FULL")
    void fullS2cQueueFailsTheSend() {
        String user = im.newUserId("s2c-full");
        RawClient client = im.loggedIn(Transport.TCP, user);
        for (int i = 0; i < MAX_PENDING; i++) {
            im.server().send(user, "pending " + i, 0, true);
            client.awaitPacket(Expect.dataWithContent("pending " + i));
        }

        CompletionException failure = catchThrowableOfType(CompletionException.class,
                () -> im.server().send(user, "one too many", 0, true).join());

        assertThat(((S2CSendException) failure.getCause()).reason()).isEqualTo(S2CSendException.Reason.QUEUE_FULL);
        client.assertNothingMore(Expect.dataWithContent("one too many"), Duration.ofMillis(300));
    }
}
