package io.imstarter.protocol;

import com.google.gson.Gson;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes envelopes and their nested payloads exactly as default Gson does (section 2): keys in
 * declaration order, nulls left out, HTML-safe escaping, lenient input, trailing data rejected.
 *
 * <p>Envelopes are on every packet's path, so they skip Gson where that is safe: {@link EnvelopeWriter} writes the
 * UTF-8 bytes directly and {@link EnvelopeReader} reads compact input from its bytes; Gson reads everything else.
 * Nested payloads (logins, errors, kicks) always go through Gson.
 */
public final class PacketCodec {

    private static final Gson GSON = new Gson();

    private PacketCodec() {
    }

    /** The envelope as text; an unpaired surrogate, which UTF-8 cannot carry, comes out as {@code ?}. */
    public static String encode(Packet packet) {
        return new String(encodeToBytes(packet), StandardCharsets.UTF_8);
    }

    public static byte[] encodeToBytes(Packet packet) {
        return EnvelopeWriter.write(packet);
    }

    /** The length of the envelope's UTF-8 body, which {@link #encodeInto} writes. */
    public static int encodedSize(Packet packet) {
        return EnvelopeWriter.size(packet);
    }

    /**
     * Writes the envelope's {@link #encodedSize} UTF-8 bytes into {@code target} from {@code offset} on, for a caller
     * that reuses one array or writes into its IO buffer's own. The caller measured them, so they are not measured
     * again: an {@link ArrayIndexOutOfBoundsException} says they did not fit.
     */
    public static void encodeInto(Packet packet, byte[] target, int offset) {
        EnvelopeWriter.write(packet, target, offset);
    }

    /**
     * Decodes text by its UTF-8 bytes, as {@link #decode(byte[])}; an unpaired surrogate, which UTF-8 cannot carry,
     * reads as {@code ?}.
     */
    public static Packet decode(String json) throws MalformedPacketException {
        if (json == null) {
            throw new MalformedPacketException("The envelope is empty");
        }
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a body; an ill-formed UTF-8 sequence reads as U+FFFD, as Java's decoder makes it. The packet remembers
     * the bytes ({@link Packet#utf8()}) when {@link #encodeToBytes} would give them back exactly.
     */
    public static Packet decode(byte[] utf8) throws MalformedPacketException {
        Packet compact = EnvelopeReader.read(utf8);
        return compact != null ? compact : decodeWithGson(new String(utf8, StandardCharsets.UTF_8));
    }

    /** Gson's reading of any input, lenient or malformed, that {@link EnvelopeReader} leaves to it. */
    static Packet decodeWithGson(String json) throws MalformedPacketException {
        return parse(json, WireEnvelope.class, "envelope").toPacket();
    }

    /** Encodes a nested payload; the result goes into {@code dataContent} as a string. */
    public static String encodePayload(Object payload) {
        return GSON.toJson(payload);
    }

    /** Decodes a nested payload from {@code dataContent}. */
    public static <T> T decodePayload(String json, Class<T> type) throws MalformedPacketException {
        return parse(json, type, type.getSimpleName());
    }

    private static <T> T parse(String json, Class<T> type, String what) throws MalformedPacketException {
        if (json == null || json.isBlank()) {
            throw new MalformedPacketException("The " + what + " is empty");
        }
        T value;
        try {
            value = GSON.fromJson(json, type);
        }
        catch (RuntimeException ex) {
            throw new MalformedPacketException("The " + what + " is not valid JSON: " + firstLine(ex.getMessage()), ex);
        }
        if (value == null) {
            throw new MalformedPacketException("The " + what + " is not a JSON object");
        }
        return value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int cut = message.indexOf('\n');
        String line = cut < 0 ? message : message.substring(0, cut);
        return line.length() > 120 ? line.substring(0, 120) : line;
    }
}
