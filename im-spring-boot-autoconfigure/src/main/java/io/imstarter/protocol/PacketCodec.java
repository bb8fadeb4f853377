package io.imstarter.protocol;

import com.google.gson.Gson;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes envelopes and their nested payloads exactly as default Gson does (section 2): keys in
 * declaration order, nulls left out, HTML-safe escaping, lenient input, trailing data rejected.
 *
 * <p>Envelopes are on every packet's path, so they skip Gson where that is safe: {@link EnvelopeWriter} writes the
 * UTF-8 bytes directly and {@link EnvelopeReader} reads compact input; Gson reads everything else. Nested
 * payloads (logins, errors, kicks) always go through Gson.
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

    public static Packet decode(String json) throws MalformedPacketException {
        Packet compact = json == null ? null : EnvelopeReader.read(json);
        return compact != null ? compact : decodeWithGson(json);
    }

    /** Gson's reading of any input, lenient or malformed, that {@link EnvelopeReader} leaves to it. */
    static Packet decodeWithGson(String json) throws MalformedPacketException {
        return parse(json, WireEnvelope.class, "envelope").toPacket();
    }

    public static Packet decode(byte[] utf8) throws MalformedPacketException {
        return decode(new String(utf8, StandardCharsets.UTF_8));
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
