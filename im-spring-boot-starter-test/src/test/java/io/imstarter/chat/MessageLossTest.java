package io.imstarter.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.event.ImC2CStoredOfflineEvent;
import io.imstarter.event.ImS2CLostEvent;
import io.imstarter.protocol.Packet;
import io.imstarter.server.ImServer;
import io.imstarter.test.ImTest;
import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImTestEvents;
import io.imstarter.test.ImUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Loss paths with the test timers: a receiver that is connected but never ACKs costs the sender about a second,
 * not the 10 to 18 s of the production defaults. With the test defaults the application has a store (embedded H2),
 * so an unacknowledged C2C is stored for the receiver's next login and the sender gets its ACK from the store.
 */
@ImTest
class MessageLossTest {

    private static final Duration LOSS_DEADLINE = Duration.ofSeconds(2);

    @Autowired
    private ImServer server;

    @Autowired
    private ImTestEvents events;

    @Test
    void serverPushToAReceiverThatNeverAcksIsReportedLostWithinTwoSeconds(
            @ImUser(value = "mute-s2c", acknowledge = false) ImTestClient mute) {
        long start = System.nanoTime();
        String fp = Packet.newFingerprint();
        server.send("mute-s2c", "are you there?", 1, true, fp);

        assertThat(mute.awaitMessage().fp()).isEqualTo(fp);
        ImS2CLostEvent lost = events.await(ImS2CLostEvent.class,
                event -> event.messages().stream().anyMatch(message -> fp.equals(message.fp())), LOSS_DEADLINE);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LOSS_DEADLINE);
        assertThat(lost.messages()).anySatisfy(message -> assertThat(message.toUserId()).isEqualTo("mute-s2c"));
    }

    @Test
    void messageToAReceiverThatNeverAcksIsStoredWithinTwoSecondsAndTheSenderAcknowledged(
            @ImUser("sender-1") ImTestClient sender, @ImUser(value = "mute-c2c", acknowledge = false) ImTestClient mute) {
        long start = System.nanoTime();
        String fp = sender.send("mute-c2c", "hello?");

        assertThat(mute.awaitMessage().fp()).isEqualTo(fp);
        events.await(ImC2CStoredOfflineEvent.class, event -> fp.equals(event.message().fp()), LOSS_DEADLINE);
        sender.awaitAck(fp, LOSS_DEADLINE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LOSS_DEADLINE);
    }
}
