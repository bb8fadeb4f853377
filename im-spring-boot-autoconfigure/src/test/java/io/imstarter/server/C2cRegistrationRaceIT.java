package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checklist item 8: a user is registered before its 50 is written (section 6.1 step 5). */
class C2cRegistrationRaceIT {

    private static final int REPETITIONS = 100;

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension();

    @ParameterizedTest(name = "item 8: a QoS C2C sent the moment B's 50 arrives reaches B, 100 times, on {0}")
    @EnumSource(Transport.class)
    void messageSentRightAfterLoginIsNeverTreatedAsOffline(Transport transport) {
        String sender = im.newUserId("race-a");
        RawClient senderClient = im.loggedIn(transport, sender);
        List<String> receivers = new ArrayList<>();

        for (int i = 0; i < REPETITIONS; i++) {
            String receiver = im.newUserId("race-b");
            receivers.add(receiver);
            RawClient receiverClient = im.connect(transport);
            assertThat(receiverClient.login(receiver, "tk", 0).code()).isZero();
            Packet message = Wire.data(sender, receiver, "hello " + i, true);
            senderClient.send(message);

            Packet received = receiverClient.awaitPacket(Expect.dataWithFp(message.fp()));
            assertThat(received.dataContent()).isEqualTo("hello " + i);
            receiverClient.send(Wire.ack(receiver, sender, message.fp()));
            assertThat(senderClient.awaitPacket(Expect.ackOf(message.fp())).from()).isEqualTo(receiver);
        }

        await().during(Duration.ofMillis(300)).atMost(RawClient.TIMEOUT)
                .until(() -> receivers.stream().allMatch(r -> im.offline().callsFor(r).isEmpty()));
        assertThat(senderClient.received()).filteredOn(Expect.type(PacketType.ACK)).hasSize(REPETITIONS);
    }
}
