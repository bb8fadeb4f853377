package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.DataSize;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.UserPair;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20 over real sockets, with the tracker's bound forced small (receiver mode, {@code max-pending} 4) and a dedup
 * memory of 1 KiB: messages a silent receiver does not ACK stay kept while hundreds of others pass through and
 * overflow the memory; at the bound a new message is refused with 52/305 saying why; and each kept message reaches
 * the offline hand-off at its ACK timeout, so none is forgotten.
 */
class TrackerBoundIT {

    private static final int MAX_KEPT = 4;
    private static final int PASSING = 150;

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().configure(config -> {
                config.getQos().setCheckInterval(Duration.ofSeconds(5)).setMinAge(Duration.ofSeconds(8)).setMaxRetries(1)
                        .setMaxPending(MAX_KEPT);
                config.getQos().setReceiverAckTimeout(Duration.ofSeconds(6)).setDedupMaxMemory(DataSize.ofKilobytes(1));
            });

    @Test
    void keptMessagesSurviveTrafficAndTheBoundRefusesNewOnesWithAReason() {
        UserPair silent = im.loggedInPair(Transport.TCP);
        im.offline().accept(true);
        List<Packet> kept = new ArrayList<>();
        for (int i = 0; i < MAX_KEPT - 1; i++) {
            Packet message = Wire.data(silent.sender(), silent.receiver(), "never ACKed " + i, true);
            kept.add(message);
            silent.senderClient().send(message);
            silent.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        }

        UserPair busy = im.loggedInPair(Transport.TCP);
        for (int i = 0; i < PASSING; i++) {
            Packet message = Wire.data(busy.sender(), busy.receiver(), "passing " + i, true);
            busy.senderClient().send(message);
            busy.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
            busy.receiverClient().send(Wire.ack(busy.receiver(), busy.sender(), message.fp()));
            busy.senderClient().awaitPacket(Expect.ackOf(message.fp()));
        }
        assertThat(im.server().effectiveDedupWindow()).as("the 1 KiB memory forgot ACKed messages early")
                .isLessThan(new ImServerConfig().getQos().getReceiverAckTimeout().multipliedBy(60));

        Packet last = Wire.data(silent.sender(), silent.receiver(), "the last that fits", true);
        kept.add(last);
        silent.senderClient().send(last);
        silent.receiverClient().awaitPacket(Expect.dataWithFp(last.fp()));
        Packet refused = Wire.data(busy.sender(), busy.receiver(), "one too many", true);
        busy.senderClient().send(refused);

        Packet error = busy.senderClient().awaitPacket(Expect.error(ErrorCode.RATE_LIMITED));
        assertThat(Expect.errorOf(error).errorMsg()).isEqualTo("The server's QoS queue is full (" + MAX_KEPT
                + " pending); retry later fp=" + refused.fp());
        busy.receiverClient().assertNothingMore(Expect.dataWithFp(refused.fp()), Duration.ofMillis(300));

        for (Packet message : kept) {
            silent.senderClient().awaitPacket(Expect.ackOf(message.fp()));
            assertThat(im.offline().calls(message.fp())).as("handed off once: %s", message.dataContent())
                    .hasSize(1);
        }
        await().atMost(RawClient.TIMEOUT).until(() -> im.server().pendingQos() == 0);
        busy.senderClient().send(refused);
        busy.receiverClient().awaitPacket(Expect.dataWithFp(refused.fp()));
    }
}
