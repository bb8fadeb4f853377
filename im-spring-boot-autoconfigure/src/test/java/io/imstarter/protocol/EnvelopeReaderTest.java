package io.imstarter.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding a body from its UTF-8 bytes (section 2): the values, the errors, and when the packet remembers the bytes
 * for relaying them unchanged.
 */
class EnvelopeReaderTest {

    private static final String HEAD = "{\"bridge\":false,\"type\":2,\"dataContent\":\"";
    private static final String TAIL = "\",\"from\":\"u1\",\"to\":\"u2\",\"fp\":\"f1\",\"QoS\":true,\"typeu\":7,"
            + "\"sm\":-1}";
    /** What the writer writes for a type 2 with dataContent "x". */
    private static final String CANONICAL = HEAD + "x" + TAIL;

    @Test
    void readsAsciiAndRemembersTheBytes() throws Exception {
        byte[] wire = utf8(HEAD + "hello u2, 8 pm?" + TAIL);
        Packet packet = PacketCodec.decode(wire);
        assertThat(packet).isEqualTo(new Packet(false, 2, "hello u2, 8 pm?", "u1", "u2", "f1", true, 7, -1));
        assertThat(packet.utf8()).isSameAs(wire);
    }

    @Test
    void readsMultiByteUtf8() throws Exception {
        Packet packet = PacketCodec.decode(utf8(HEAD + "é 你好 😀 \u07ff\uffff" + TAIL));
        assertThat(packet.dataContent()).isEqualTo("é 你好 \ud83d\ude00 \u07ff\uffff");
        assertThat(packet.utf8()).isNotNull();
    }

    @Test
    void readsEscapesAndRemembersOnlyTheOnesTheWriterUses() throws Exception {
        Packet written = PacketCodec.decode(utf8(HEAD + "\\\"q\\\" \\\\ \\n\\t\\b\\f\\r \\u003c\\u003d\\u0001" + TAIL));
        assertThat(written.dataContent()).isEqualTo("\"q\" \\ \n\t\b\f\r <=\u0001");
        assertThat(written.utf8()).isNotNull();

        Packet other = PacketCodec.decode(utf8(HEAD + "\\/ \\u4f60 \\u0041" + TAIL));
        assertThat(other.dataContent()).isEqualTo("/ 你 A");
        assertThat(other.utf8()).as("the writer writes these characters raw").isNull();
    }

    @Test
    void readsSurrogatePairsRawOrEscapedAndKeepsALoneEscapedSurrogate() throws Exception {
        assertThat(PacketCodec.decode(utf8(HEAD + "😀" + TAIL)).dataContent()).isEqualTo("\ud83d\ude00");
        assertThat(PacketCodec.decode(utf8(HEAD + "\\ud83d\\ude00" + TAIL)).dataContent()).isEqualTo("\ud83d\ude00");
        Packet lone = PacketCodec.decode(utf8(HEAD + "a\\ud800b" + TAIL));
        assertThat(lone.dataContent()).isEqualTo("a\ud800b");
        assertThat(lone.utf8()).as("the writer cannot write a lone surrogate").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "c0af", "80", "e4bd", "eda080", "f4908080", "f8888080", "ff" })
    void readsIllFormedUtf8AsReplacementCharactersAndForgetsTheBytes(String hex) throws Exception {
        byte[] wire = join(utf8(HEAD + "a"), hexBytes(hex), utf8("b" + TAIL));
        Packet packet = PacketCodec.decode(wire);
        String expected = new String(join(utf8("a"), hexBytes(hex), utf8("b")), StandardCharsets.UTF_8);
        assertThat(packet.dataContent()).isEqualTo(expected).contains("\ufffd");
        assertThat(packet.utf8()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "{", "[1]", "{\"type\":1}x", "{\"type\":1.5}", "{\"dataContent\":{}}",
            "{\"from\":\"a\\x\"}", "{\"from\":\"abc" })
    void rejectsMalformedInputWithGsonsError(String input) {
        byte[] wire = utf8(input);
        String gsonError = errorOf(() -> PacketCodec.decodeWithGson(input));
        assertThat(gsonError).isNotNull();
        assertThat(errorOf(() -> PacketCodec.decode(wire))).isEqualTo(gsonError);
    }

    static Stream<String> nonCanonical() {
        return Stream.of(CANONICAL.replace("\"bridge\":false,\"type\":2", "\"type\":2,\"bridge\":false"),
                CANONICAL.replace(",\"sm\":-1", ""),
                CANONICAL.replace("\"x\"", "null"),
                CANONICAL.replace("\"bridge\":false", "\"bridge\":false,\"bridge\":false"),
                CANONICAL.replace("\"x\"", "\"\\u003C\""),
                CANONICAL.replace("\"x\"", "\"<\""),
                CANONICAL.replace("\"x\"", "\"\u2028\""),
                CANONICAL.replace("\"sm\":-1", "\"sm\":-0"),
                CANONICAL.replace(",\"type\"", ", \"type\""));
    }

    @ParameterizedTest
    @MethodSource("nonCanonical")
    void forgetsBytesThatEncodingWouldNotGiveBack(String input) throws Exception {
        byte[] wire = utf8(input);
        Packet packet = PacketCodec.decode(wire);
        assertThat(packet.utf8()).isNull();
        assertThat(PacketCodec.encodeToBytes(packet)).isNotEqualTo(wire);
    }

    @Test
    void readsTheWholeLongRange() throws Exception {
        String wire = "{\"bridge\":false,\"type\":-2147483648,\"QoS\":false,\"typeu\":2147483647,\"sm\":%d}";
        Packet min = PacketCodec.decode(utf8(wire.formatted(Long.MIN_VALUE)));
        assertThat(min.sm()).isEqualTo(Long.MIN_VALUE);
        assertThat(min.type()).isEqualTo(Integer.MIN_VALUE);
        assertThat(min.utf8()).isNotNull();
        assertThat(PacketCodec.decode(utf8(wire.formatted(Long.MAX_VALUE))).sm()).isEqualTo(Long.MAX_VALUE);
        assertThat(EnvelopeReader.read(utf8(wire.replace("%d", "9223372036854775808"))))
                .as("past a long, Gson decides").isNull();
    }

    @Test
    void keepsTheBodyOutOfEqualityAndDropsItFromCopies() throws Exception {
        Packet decoded = PacketCodec.decode(utf8(HEAD + "x" + TAIL));
        Packet built = new Packet(false, 2, "x", "u1", "u2", "f1", true, 7, -1);
        assertThat(decoded).isEqualTo(built).hasSameHashCodeAs(built).hasToString(built.toString());
        assertThat(decoded.withSm(5).utf8()).isNull();
        assertThat(decoded.withType(PacketType.ECHO_RESPONSE).utf8()).isNull();
    }

    private interface Decoding {
        Object run() throws MalformedPacketException;
    }

    private static String errorOf(Decoding decoding) {
        try {
            decoding.run();
            return null;
        }
        catch (MalformedPacketException ex) {
            return ex.getMessage();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hexBytes(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
