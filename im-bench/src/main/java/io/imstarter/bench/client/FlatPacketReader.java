package io.imstarter.bench.client;

import io.imstarter.protocol.Packet;

/**
 * Decodes the common case of an envelope without Gson: a flat JSON object with no escapes, as servers write
 * data, ACK and keep-alive packets. Anything else (escapes, nested values, lenient syntax, bad numbers) returns
 * null and the caller falls back to {@code PacketCodec}, so the result is always what Gson would give.
 */
final class FlatPacketReader {

    private final String json;
    private int pos;

    private FlatPacketReader(String json) {
        this.json = json;
    }

    /** The packet, or null when this reader does not handle the input. */
    static Packet read(String json) {
        if (json.indexOf('\\') >= 0) {
            return null;
        }
        try {
            return new FlatPacketReader(json).object();
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    private Packet object() {
        boolean bridge = false;
        int type = 0;
        String dataContent = null;
        String from = null;
        String to = null;
        String fp = null;
        boolean qos = false;
        int typeu = 0;
        long sm = 0;
        expect('{');
        if (peek() != '}') {
            do {
                String key = string();
                expect(':');
                String raw = peek() == '"' ? null : literal();
                String text = raw == null ? string() : null;
                switch (key) {
                    case "bridge" -> bridge = bool(raw);
                    case "type" -> type = Integer.parseInt(number(raw));
                    case "dataContent" -> dataContent = text(text, raw);
                    case "from" -> from = text(text, raw);
                    case "to" -> to = text(text, raw);
                    case "fp" -> fp = text(text, raw);
                    case "QoS" -> qos = bool(raw);
                    case "typeu" -> typeu = Integer.parseInt(number(raw));
                    case "sm" -> sm = Long.parseLong(number(raw));
                    default -> {
                        // unknown keys are ignored, as Gson ignores them
                    }
                }
            }
            while (next() == ',');
            pos--;
        }
        expect('}');
        skipWhitespace();
        if (pos != json.length()) {
            throw new IllegalArgumentException("trailing data");
        }
        return new Packet(bridge, type, dataContent, from, to, fp, qos, typeu, sm);
    }

    private String string() {
        expect('"');
        int end = json.indexOf('"', pos);
        String value = json.substring(pos, end);
        pos = end + 1;
        return value;
    }

    private String literal() {
        int start = pos;
        while (pos < json.length() && ",}".indexOf(json.charAt(pos)) < 0) {
            pos++;
        }
        return json.substring(start, pos).strip();
    }

    private static boolean bool(String raw) {
        if (raw == null || !(raw.equals("true") || raw.equals("false"))) {
            throw new IllegalArgumentException("not a boolean");
        }
        return raw.equals("true");
    }

    /** Only {@code -?[0-9]+}: every other spelling Gson may accept is left to Gson. */
    private static String number(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("not a plain number");
        }
        for (int i = raw.charAt(0) == '-' ? 1 : 0; i < raw.length(); i++) {
            if (raw.charAt(i) < '0' || raw.charAt(i) > '9') {
                throw new IllegalArgumentException("not a plain number");
            }
        }
        return raw;
    }

    private static String text(String text, String raw) {
        if (text != null) {
            return text;
        }
        if (raw.equals("null")) {
            return null;
        }
        throw new IllegalArgumentException("not a string");
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c);
        }
    }

    private char next() {
        skipWhitespace();
        return json.charAt(pos++);
    }

    private char peek() {
        skipWhitespace();
        return json.charAt(pos);
    }

    private void skipWhitespace() {
        while (pos < json.length() && Character.isWhitespace(json.charAt(pos))) {
            pos++;
        }
    }
}
