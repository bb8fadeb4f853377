package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.qos.QosSettings;
import io.imstarter.server.C2cAckMode;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.QosTimings;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RecordingClientListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A receiver that never acknowledges: the sender's QoS gives up and says so. */
class ImClientQosGiveUpIT {

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().configure(config -> config
            .getQos().setC2cAckMode(C2cAckMode.RECEIVER).setReceiverAckTimeout(Duration.ofMillis(800))
            .setMinAge(Duration.ofMillis(200)).setMaxRetries(1).setCheckInterval(Duration.ofMillis(200))
            .setMaxPending(1000));

    @Test
    void failsTheSendWithinTheDocumentedTimeWhenTheReceiverNeverAcknowledges() throws Exception {
        ImClientConfig config = im.clientConfig(Transport.TCP);
        QosSettings clientQos = QosTimings.set(config.getQos(), Duration.ofMillis(300), Duration.ofMillis(300), 2,
                1000);
        RecordingClientListener events = new RecordingClientListener();
        RawClient mute = im.loggedIn(Transport.TCP, "mute");
        try (ImClient sender = shared.client(config)) {
            sender.addListener(events);
            sender.login("talker", "tk", null).get(10, TimeUnit.SECONDS);
            long sentAt = System.nanoTime();

            CompletableFuture<String> sent = sender.send("mute", "anyone there?", 1);

            assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(ImClientException.class, ex -> {
                        assertThat(ex.code()).isEqualTo(ErrorCode.SEND_FAILED);
                        assertThat(ex.getMessage()).contains("lost");
                    });
            long failedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
            assertThat(failedAfter).isLessThanOrEqualTo(clientQos.worstCaseLostAfter().toMillis() + 1000);
            Packet delivered = mute.awaitPacket(Expect.type(PacketType.DATA));
            assertThat(delivered.dataContent()).isEqualTo("anyone there?");
            await().atMost(Duration.ofSeconds(5)).until(() -> events.lost.size() == 1);
            assertThat(events.acked).isEmpty();
        }
    }
}
