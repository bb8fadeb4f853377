package io.imstarter.protocol;

import com.google.gson.Gson;
import com.google.gson.annotations.SerializedName;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes envelopes and their nested payloads exactly as default Gson does (section 2): keys in
 * declaration order, nulls left out, HTML-safe escaping, lenient input, trailing data rejected.
 */
public final class PacketCodec {

    private static final Gson GSON = new Gson();

    private PacketCodec() {
    }

    public static String encode(Packet packet) {
        return GSON.toJson(WireEnvelope.of(packet));
    }

    public static byte[] encodeToBytes(Packet packet) {
        return encode(packet).getBytes(StandardCharsets.UTF_8);
    }

    public static Packet decode(String json) throws MalformedPacketException {
        WireEnvelope envelope = parse(json, WireEnvelope.class, "envelope");
        return envelope.toPacket();
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

    /** The envelope as Gson sees it: field order is key order; no initializers, so absent keys stay zero. */
    @SuppressWarnings("unused")
    private static final class WireEnvelope {

        private boolean bridge;
        private int type;
        private String dataContent;
        private String from;
        private String to;
        private String fp;
        @SerializedName("QoS")
        private boolean qos;
        private int typeu;
        private long sm;

        static WireEnvelope of(Packet packet) {
            WireEnvelope envelope = new WireEnvelope();
            envelope.bridge = packet.bridge();
            envelope.type = packet.type();
            envelope.dataContent = packet.dataContent();
            envelope.from = packet.from();
            envelope.to = packet.to();
            envelope.fp = packet.fp();
            envelope.qos = packet.qos();
            envelope.typeu = packet.typeu();
            envelope.sm = packet.sm();
            return envelope;
        }

        Packet toPacket() {
            return new Packet(bridge, type, dataContent, from, to, fp, qos, typeu, sm);
        }
    }
}
