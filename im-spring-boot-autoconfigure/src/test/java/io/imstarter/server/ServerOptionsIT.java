package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.UserPair;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Switches of sections 2 and 7 that change what goes on the wire: server time stamps and echo. */
class ServerOptionsIT {

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension();

    @Test
    @DisplayName("section 2: with stamp-server-time a relayed C2C and its forwarded ACK carry the server clock in sm")
    void stampServerTimeStampsRelayedPackets() {
        im.configure(config -> config.setStampServerTime(true));
        UserPair pair = im.loggedInPair(Transport.TCP);
        Packet message = Wire.data(pair.sender(), pair.receiver(), "what time is it", true);
        long before = System.currentTimeMillis();

        pair.senderClient().send(message);
        Packet relayed = pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        pair.receiverClient().send(Wire.ack(pair.receiver(), pair.sender(), message.fp()));
        Packet ack = pair.senderClient().awaitPacket(Expect.ackOf(message.fp()));
        long after = System.currentTimeMillis();

        assertThat(relayed.sm()).isBetween(before, after);
        assertThat(ack.sm()).isBetween(before, after);
        assertThat(relayed.withSm(Packet.UNSET)).isEqualTo(message);
    }

    @Test
    @DisplayName("section 2: by default a relayed C2C keeps sm as the sender wrote it")
    void relayedPacketsKeepSmByDefault() {
        UserPair pair = im.loggedInPair(Transport.TCP);
        Packet message = Wire.data(pair.sender(), pair.receiver(), "as written", true).withSm(4242);

        pair.senderClient().send(message);

        assertThat(pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp())).sm()).isEqualTo(4242);
    }

    @Test
    @DisplayName("section 7: with echo disabled a type 5 gets no 53")
    void echoCanBeDisabled() {
        im.configure(config -> config.setEchoEnabled(false));
        RawClient client = im.connect(Transport.TCP);

        client.send(Wire.echo("anyone", "hello?"));

        client.assertNothingMore(Expect.type(PacketType.ECHO_RESPONSE), Duration.ofMillis(400));
        assertThat(client.isClosed()).isFalse();
    }
}
