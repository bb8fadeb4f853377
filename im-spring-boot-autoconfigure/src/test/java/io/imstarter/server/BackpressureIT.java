package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.DataSize;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.NonReadingClient;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RecordingListener.Logout;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A receiver that does not read: the server stops queueing for it past {@code outbound.max-pending}, closes it as a
 * slow consumer with one logout, and every QoS message meant for it ends at the offline hand-off exactly once.
 */
class BackpressureIT {

    private static final Duration SLOW_CONSUMER_TIMEOUT = Duration.ofSeconds(1);
    /** About 9 MB in all: more than the 4 MB socket buffers of a loopback connection and max-pending take. */
    private static final int MESSAGES = 1500;
    private static final int MESSAGE_BYTES = 6000;

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().configure(config -> {
        config.getOutbound().setLowWaterMark(DataSize.ofKilobytes(8)).setHighWaterMark(DataSize.ofKilobytes(16))
                .setSlowConsumerTimeout(SLOW_CONSUMER_TIMEOUT);
        config.getRateLimit().setPacketsPerSecond(100_000).setBurst(100_000);
    });

    @Test
    void aReceiverThatDoesNotReadIsClosedAndItsMessagesGoToTheOfflineHandOff() {
        String receiver = im.newUserId("slow");
        String sender = im.newUserId("sender");
        RawClient from = im.loggedIn(Transport.TCP, sender);
        try (NonReadingClient slow = NonReadingClient.sink(im.address(Transport.TCP), receiver,
                Duration.ofMinutes(1))) {
            await().atMost(RawClient.TIMEOUT).until(() -> im.server().session(receiver).isPresent());

            List<String> fingerprints = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                Packet message = Wire.dataOfSize(sender, receiver, MESSAGE_BYTES, true);
                fingerprints.add(message.fp());
                from.send(message);
            }

            await().atMost(RawClient.TIMEOUT).until(() -> !im.listener().loggedOut(receiver).isEmpty());
            assertThat(im.listener().loggedOut(receiver)).extracting(Logout::reason)
                    .containsExactly(LogoutReason.SLOW_CONSUMER);
            assertThat(im.server().stats().closedForBackpressure()).isEqualTo(1);
            await("every message at the offline hand-off").atMost(RawClient.TIMEOUT.multipliedBy(2))
                    .until(() -> fingerprints.stream().allMatch(fp -> !im.offline().calls(fp).isEmpty()));
            assertThat(fingerprints).allSatisfy(fp -> assertThat(im.offline().calls(fp)).as(fp).hasSize(1));
            await().atMost(RawClient.TIMEOUT).until(() -> slow.closesSeen() == 1);
        }
    }
}
