package io.imstarter.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The envelope codec skips Gson where it can (section 2 still binds it to Gson's bytes and results): these tests hold
 * it against default Gson itself, on random packets and on random corruptions of their text and of their bytes.
 * Bodies are decoded from their UTF-8 bytes, as the gateways hand them over, and compared with what Gson makes of
 * the text those bytes decode to. Seeds are fixed, so a failure repeats.
 */
class PacketCodecGsonEquivalenceTest {

    private static final Gson GSON = new Gson();

    /** Characters that need escaping, multi-byte UTF-8, surrogates (paired and not), and plain text. */
    private static final String TRICKY = "aZ09 -:\"\\/\t\b\n\r\f\u0000\u001f\u007f<>&='你好é\u2028\u2029\ud83d\ude00"
            + "\ud83d\ude00\udc00\ud800";

    @Test
    void encodesRandomPacketsToTheBytesOfGson() {
        Random random = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            Packet packet = randomPacket(random);
            assertThat(PacketCodec.encodeToBytes(packet)).as("%s", packet)
                    .isEqualTo(gsonEncode(packet).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void decodesRandomPacketsAndTheirCorruptionsAsGsonDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String wire = gsonEncode(randomPacket(random));
            assertThat(assertDecodesAsGson(wire.getBytes(StandardCharsets.UTF_8)).utf8())
                    .as("Gson's own bytes are remembered for relaying: %s", wire).isNotNull();
            assertDecodesAsGson(corrupt(wire, random).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void decodesRandomByteCorruptionsIncludingIllFormedUtf8AsGsonDoes() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] wire = gsonEncode(randomPacket(random)).getBytes(StandardCharsets.UTF_8);
            wire[random.nextInt(wire.length)] = (byte) random.nextInt(256);
            assertDecodesAsGson(wire);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"type\":\"5\"}", "{\"type\":05}", "{\"type\":-0,\"sm\":-0}", "{\"type\":1e1}",
            "{\"type\":2147483648}", "{\"typeu\":-2147483648,\"sm\":-9223372036854775808}", "{\"sm\":1234567890123456789}",
            "{\"from\":\"\\u4F60\\u597d\\/\\'\"}", "{\"from\":\"\\uFF10000\"}", "{\"from\":\"\\u\uff10\uff10\uff10\uff10\"}",
            "{\"fr\\u006fm\":\"x\"}", "{\"from\":null,\"to\":null,\"dataContent\":null}", "{\"bridge\":null}",
            "{\"from\":7,\"to\":true}", "{\"QoS\":\"true\"}", "{\"qos\":true}", "{}", "{\"type\":1,}", "{\"type\":1} ",
            " {\"type\":1}", "{\"type\":1}}", "{\"from\":\"a\u0001b\"}", "{\"from\":\"a\\x\"}", "{\"from\":\"abc",
            "{\"type\":1,\"type\":2}", "{\"bridge\":truex}", "{\"type\":-}", "{\"to\":'u2'}" })
    void decodesEdgeCasesAsGsonDoes(String input) {
        assertDecodesAsGson(input.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void compactInputSkipsGson() {
        String wire = "{\"bridge\":false,\"type\":2,\"dataContent\":\"你好 \\\"u2\\\" \\u003c3\",\"from\":\"u1\","
                + "\"to\":\"u2\",\"fp\":\"f44b\",\"QoS\":true,\"typeu\":7,\"sm\":1795329045231}";
        assertThat(EnvelopeReader.read(wire.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Packet(false, 2, "你好 \"u2\" <3", "u1", "u2", "f44b", true, 7, 1795329045231L));
        assertThat(EnvelopeReader.read("{\"type\":1, \"from\":\"u1\"}".getBytes(StandardCharsets.UTF_8)))
                .as("whitespace is left to Gson").isNull();
    }

    /**
     * Decodes the bytes, expects Gson's reading of their text, and checks that remembered bytes are exactly what
     * encoding the packet gives; the packet, or null when both reject the input.
     */
    private static Packet assertDecodesAsGson(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Packet expected = gsonDecode(text);
        Packet actual;
        try {
            actual = PacketCodec.decode(input);
        }
        catch (MalformedPacketException ex) {
            actual = null;
        }
        assertThat(actual).as("decoding %s", text).isEqualTo(expected);
        if (actual != null && actual.utf8() != null) {
            assertThat(PacketCodec.encodeToBytes(actual)).as("remembered bytes of %s", text).isEqualTo(input);
        }
        return actual;
    }

    /** What default Gson makes of the text, or null where it rejects it. */
    private static Packet gsonDecode(String input) {
        try {
            return PacketCodec.decodeWithGson(input);
        }
        catch (MalformedPacketException ex) {
            return null;
        }
    }

    /** Default Gson's text for the envelope: keys in the order of section 2, null strings left out by Gson. */
    private static String gsonEncode(Packet packet) {
        JsonObject envelope = new JsonObject();
        envelope.addProperty("bridge", packet.bridge());
        envelope.addProperty("type", packet.type());
        envelope.addProperty("dataContent", packet.dataContent());
        envelope.addProperty("from", packet.from());
        envelope.addProperty("to", packet.to());
        envelope.addProperty("fp", packet.fp());
        envelope.addProperty("QoS", packet.qos());
        envelope.addProperty("typeu", packet.typeu());
        envelope.addProperty("sm", packet.sm());
        return GSON.toJson(envelope);
    }

    private static Packet randomPacket(Random random) {
        return new Packet(random.nextBoolean(), random.nextInt(60) - 5, randomText(random), randomText(random),
                randomText(random), randomText(random), random.nextBoolean(),
                random.nextBoolean() ? -1 : random.nextInt(), random.nextBoolean() ? -1 : random.nextLong());
    }

    private static String randomText(Random random) {
        if (random.nextInt(5) == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int length = random.nextInt(12); length > 0; length--) {
            text.append(TRICKY.charAt(random.nextInt(TRICKY.length())));
        }
        return text.toString();
    }

    /** One random edit with a character that means something to JSON, or a deletion. */
    private static String corrupt(String wire, Random random) {
        String significant = "{}[]\":,\\ -019eE.tfnulu'/";
        int at = random.nextInt(wire.length());
        char c = significant.charAt(random.nextInt(significant.length()));
        return switch (random.nextInt(3)) {
            case 0 -> wire.substring(0, at) + c + wire.substring(at + 1);
            case 1 -> wire.substring(0, at) + c + wire.substring(at);
            default -> wire.substring(0, at) + wire.substring(at + 1);
        };
    }
}
