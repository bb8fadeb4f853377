package io.imstarter.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlatPacketReaderTest {

    @Test
    void readsWhatTheCodecWritesForDataAcksAndKeepAlives() throws Exception {
        Packet data = Packet.of(PacketType.DATA, "0000000012345678901xx", "s1", "r1", "b-1-7", true, 0);
        for (Packet packet : new Packet[] {data, data.ackFrom("r1"),
            Packet.control(PacketType.KEEP_ALIVE_RESPONSE, "{}", "0", "u1"), data.withSm(1795329045231L)}) {
            String json = PacketCodec.encode(packet);
            assertThat(FlatPacketReader.read(json)).isEqualTo(packet).isEqualTo(PacketCodec.decode(json));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"fp\":\"f\",\"type\":4,\"x\":7,\"from\":\"a\",\"type\":2}",
        "{ \"type\" : 2 , \"dataContent\" : \"hi there\" , \"QoS\" : true }",
        "{\"type\":1,\"to\":null,\"sm\":-5}",
        "{}"})
    void agreesWithGsonOnReorderedSpacedUnknownAndNullKeys(String json) throws Exception {
        assertThat(FlatPacketReader.read(json)).isEqualTo(PacketCodec.decode(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":50,\"dataContent\":\"{\\\"code\\\":0}\"}",
        "{\"type\":\"5\"}",
        "{type:1}",
        "{\"type\":2.0}",
        "{\"QoS\":null}",
        "{\"type\":1} trailing",
        "{\"type\":1"})
    void leavesEverythingElseToGson(String json) {
        assertThat(FlatPacketReader.read(json)).isNull();
    }
}
