package io.imstarter.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireTemplatesTest {

    @Test
    void qosDataIsByteIdenticalToTheCodec() {
        Packet packet = Packet.of(PacketType.DATA, "-000123456789xx:1", "b1-s0", "b1-r0", "b1-0-42", true, 0);
        assertThat(new String(WireTemplates.qosData("b1-s0", "b1-r0", "b1-0-42", "-000123456789xx:1"),
                StandardCharsets.US_ASCII)).isEqualTo(PacketCodec.encode(packet));
    }

    @Test
    void ackIsByteIdenticalToTheCodec() {
        Packet data = Packet.of(PacketType.DATA, "x", "b1-s0", "b1-r0", "b1-0-42", true, 0);
        assertThat(new String(WireTemplates.ack("b1-r0", "b1-s0", "b1-0-42"), StandardCharsets.US_ASCII))
                .isEqualTo(PacketCodec.encode(data.ackFrom("b1-r0")));
    }
}
