package io.imstarter.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketCodecTest {

    private static final String LOGIN = "{\"bridge\":false,\"type\":0,\"dataContent\":\"{\\\"loginUserId\\\":\\\"u1\\\",\\\"loginToken\\\":\\\"tk\\\",\\\"firstLoginTime\\\":0}\",\"from\":\"u1\",\"to\":\"0\",\"QoS\":false,\"typeu\":-1,\"sm\":-1}";
    private static final String LOGIN_OK = "{\"bridge\":false,\"type\":50,\"dataContent\":\"{\\\"code\\\":0,\\\"firstLoginTime\\\":1795329045231}\",\"from\":\"0\",\"to\":\"u1\",\"QoS\":false,\"typeu\":-1,\"sm\":-1}";
    private static final String REFUSED = "{\"bridge\":false,\"type\":50,\"dataContent\":\"{\\\"code\\\":1025,\\\"firstLoginTime\\\":-1}\",\"from\":\"0\",\"to\":\"-1\",\"QoS\":false,\"typeu\":-1,\"sm\":-1}";
    private static final String KEEP_ALIVE = "{\"bridge\":false,\"type\":1,\"dataContent\":\"{}\",\"from\":\"u1\",\"to\":\"0\",\"QoS\":false,\"typeu\":-1,\"sm\":-1}";
    private static final String C2C = "{\"bridge\":false,\"type\":2,\"dataContent\":\"你好 u2\",\"from\":\"u1\",\"to\":\"u2\",\"fp\":\"f44b59ea-1c3d-4e4f-9a0b-2c3d4e5f6a7b\",\"QoS\":true,\"typeu\":7,\"sm\":-1}";
    private static final String ACK = "{\"bridge\":false,\"type\":4,\"dataContent\":\"f44b59ea-1c3d-4e4f-9a0b-2c3d4e5f6a7b\",\"from\":\"u2\",\"to\":\"u1\",\"QoS\":false,\"typeu\":-1,\"sm\":-1}";
    private static final String LOGOUT = "{\"bridge\":false,\"type\":3,\"from\":\"u1\",\"to\":\"0\",\"QoS\":false,\"typeu\":-1,\"sm\":-1}";
    private static final String KICK = "{\"bridge\":false,\"type\":54,\"dataContent\":\"{\\\"code\\\":1}\",\"from\":\"0\",\"to\":\"u1\",\"QoS\":false,\"typeu\":-1,\"sm\":-1}";
    private static final String ERROR = "{\"bridge\":false,\"type\":52,\"dataContent\":\"{\\\"errorCode\\\":302,\\\"errorMsg\\\":\\\"from u9 does not match the logged-in user u1 fp\\\\u003d7d1e\\\"}\",\"from\":\"0\",\"to\":\"u1\",\"QoS\":false,\"typeu\":-1,\"sm\":-1}";

    @Test
    void encodesTheSpecExamplesByteForByte() {
        assertThat(PacketCodec.encode(Packet.control(PacketType.LOGIN,
                PacketCodec.encodePayload(new LoginInfo("u1", "tk", null, 0)), "u1", "0"))).isEqualTo(LOGIN);
        assertThat(PacketCodec.encode(Packet.control(PacketType.LOGIN_RESPONSE,
                PacketCodec.encodePayload(new LoginResponse(0, 1795329045231L)), "0", "u1"))).isEqualTo(LOGIN_OK);
        assertThat(PacketCodec.encode(Packet.control(PacketType.LOGIN_RESPONSE,
                PacketCodec.encodePayload(new LoginResponse(1025, -1)), "0", "-1"))).isEqualTo(REFUSED);
        assertThat(PacketCodec.encode(Packet.control(PacketType.KEEP_ALIVE, "{}", "u1", "0"))).isEqualTo(KEEP_ALIVE);
        assertThat(PacketCodec.encode(Packet.of(PacketType.DATA, "你好 u2", "u1", "u2",
                "f44b59ea-1c3d-4e4f-9a0b-2c3d4e5f6a7b", true, 7))).isEqualTo(C2C);
        assertThat(PacketCodec.encode(Packet.control(PacketType.LOGOUT, null, "u1", "0"))).isEqualTo(LOGOUT);
        assertThat(PacketCodec.encode(Packet.control(PacketType.KICKOUT,
                PacketCodec.encodePayload(new KickoutInfo(1, null)), "0", "u1"))).isEqualTo(KICK);
        assertThat(PacketCodec.encode(Packet.control(PacketType.ERROR, PacketCodec.encodePayload(
                new ErrorResponse(302, "from u9 does not match the logged-in user u1 fp=7d1e")), "0", "u1")))
                .isEqualTo(ERROR);
    }

    @Test
    void ackOfADecodedMessageIsTheSpecAck() throws Exception {
        assertThat(PacketCodec.encode(PacketCodec.decode(C2C).ackFrom("u2"))).isEqualTo(ACK);
    }

    @ParameterizedTest
    @ValueSource(strings = { LOGIN, LOGIN_OK, REFUSED, KEEP_ALIVE, C2C, ACK, LOGOUT, KICK, ERROR })
    void decodeThenEncodeGivesTheSameBytes(String wire) throws Exception {
        assertThat(PacketCodec.encode(PacketCodec.decode(wire))).isEqualTo(wire);
    }

    @Test
    void decodesLenientInputLikeGson() throws Exception {
        Packet packet = PacketCodec.decode("{type:'0', dataContent:\"x\", from:u1, x:1, to:'0', to:'9'}");
        assertThat(packet.type()).isEqualTo(PacketType.LOGIN);
        assertThat(packet.from()).isEqualTo("u1");
        assertThat(packet.to()).as("the last repeated key wins").isEqualTo("9");
    }

    @Test
    void absentKeysDecodeToZeroValuesNotBuilderDefaults() throws Exception {
        Packet packet = PacketCodec.decode("{\"type\":2,\"qos\":true}");
        assertThat(packet.typeu()).isZero();
        assertThat(packet.sm()).isZero();
        assertThat(packet.from()).isNull();
        assertThat(packet.qos()).as("key names are case-sensitive").isFalse();
    }

    @Test
    void escapedAndRawCharactersAreEqual() throws Exception {
        assertThat(PacketCodec.decode("{\"dataContent\":\"\\u4f60\\u003d\"}").dataContent()).isEqualTo("你=");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"type\":", "", "   ", "null", "[1]", "\"text\"", "{\"type\":1} x",
            "{\"dataContent\":{\"a\":1}}", "{\"type\":1.5}", "{\"type\":99999999999}" })
    void rejectsWhatGsonRejects(String input) {
        assertThatThrownBy(() -> PacketCodec.decode(input)).isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith("The envelope");
    }

    @Test
    void qosPacketsGetAFingerprintWhenNoneIsGiven() {
        Packet packet = Packet.of(PacketType.DATA, "hi", "u1", "u2", null, true, -1);
        assertThat(packet.fp()).hasSize(36);
        assertThat(packet.requiresAck()).isTrue();
        assertThat(new Packet(false, 2, "x", "a", "b", null, true, 0, 0).requiresAck()).isFalse();
    }

    @Test
    void decodesNestedPayloads() throws Exception {
        LoginInfo info = PacketCodec.decodePayload(PacketCodec.decode(LOGIN).dataContent(), LoginInfo.class);
        assertThat(info).isEqualTo(new LoginInfo("u1", "tk", null, 0));
        assertThatThrownBy(() -> PacketCodec.decodePayload("{", LoginInfo.class))
                .isInstanceOf(MalformedPacketException.class);
    }
}
