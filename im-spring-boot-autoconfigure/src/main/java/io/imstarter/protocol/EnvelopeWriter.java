package io.imstarter.protocol;

/**
 * Writes an envelope straight to UTF-8 bytes, byte for byte what default Gson followed by
 * {@code getBytes(UTF_8)} gives (section 2): keys in table order, null strings left out, Gson's HTML-safe escapes,
 * an unpaired surrogate as {@code ?}. It measures the output first, so a caller can size the target exactly or
 * reuse one, and nothing else is allocated.
 */
final class EnvelopeWriter {

    private static final String HEX = "0123456789abcdef";

    private final byte[] out;

    private int position;

    private EnvelopeWriter(byte[] out, int offset) {
        this.out = out;
        this.position = offset;
    }

    static byte[] write(Packet packet) {
        byte[] out = new byte[size(packet)];
        write(packet, out, 0);
        return out;
    }

    /** Writes the {@link #size(Packet)} bytes of the envelope into {@code out} from {@code offset} on. */
    static void write(Packet packet, byte[] out, int offset) {
        new EnvelopeWriter(out, offset).writeEnvelope(packet);
    }

    /** The length of the envelope's UTF-8 body. */
    static int size(Packet packet) {
        int size = "{\"bridge\":".length() + (packet.bridge() ? 4 : 5) + ",\"type\":".length()
                + decimalLength(packet.type()) + ",\"QoS\":".length() + (packet.qos() ? 4 : 5)
                + ",\"typeu\":".length() + decimalLength(packet.typeu()) + ",\"sm\":".length()
                + decimalLength(packet.sm()) + 1;
        size += fieldSize("dataContent", packet.dataContent()) + fieldSize("from", packet.from())
                + fieldSize("to", packet.to()) + fieldSize("fp", packet.fp());
        return size;
    }

    private void writeEnvelope(Packet packet) {
        ascii("{\"bridge\":");
        ascii(packet.bridge() ? "true" : "false");
        ascii(",\"type\":");
        decimal(packet.type());
        field("dataContent", packet.dataContent());
        field("from", packet.from());
        field("to", packet.to());
        field("fp", packet.fp());
        ascii(",\"QoS\":");
        ascii(packet.qos() ? "true" : "false");
        ascii(",\"typeu\":");
        decimal(packet.typeu());
        ascii(",\"sm\":");
        decimal(packet.sm());
        out[position++] = '}';
    }

    /** {@code ,"key":"value"}, or nothing for a null value. */
    private static int fieldSize(String key, String value) {
        return value == null ? 0 : key.length() + 6 + stringSize(value);
    }

    private void field(String key, String value) {
        if (value == null) {
            return;
        }
        ascii(",\"");
        ascii(key);
        ascii("\":\"");
        string(value);
        out[position++] = '"';
    }

    private static int stringSize(String value) {
        int size = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                size += asciiSize(c);
            }
            else if (c < 0x800) {
                size += 2;
            }
            else if (c == '\u2028' || c == '\u2029') {
                size += 6;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                size += 4;
                i++;
            }
            else if (Character.isSurrogate(c)) {
                size += 1;
            }
            else {
                size += 3;
            }
        }
        return size;
    }

    private static int asciiSize(char c) {
        return switch (c) {
            case '"', '\\', '\t', '\b', '\n', '\r', '\f' -> 2;
            case '<', '>', '&', '=', '\'' -> 6;
            default -> c < 0x20 ? 6 : 1;
        };
    }

    private void string(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                asciiEscaped(c);
            }
            else if (c < 0x800) {
                out[position++] = (byte) (0xc0 | (c >> 6));
                out[position++] = (byte) (0x80 | (c & 0x3f));
            }
            else if (c == '\u2028' || c == '\u2029') {
                unicodeEscape(c);
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                out[position++] = (byte) (0xf0 | (codePoint >> 18));
                out[position++] = (byte) (0x80 | ((codePoint >> 12) & 0x3f));
                out[position++] = (byte) (0x80 | ((codePoint >> 6) & 0x3f));
                out[position++] = (byte) (0x80 | (codePoint & 0x3f));
            }
            else if (Character.isSurrogate(c)) {
                out[position++] = '?';
            }
            else {
                out[position++] = (byte) (0xe0 | (c >> 12));
                out[position++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                out[position++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }

    private void asciiEscaped(char c) {
        char shortEscape = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\f' -> 'f';
            default -> 0;
        };
        if (shortEscape != 0) {
            out[position++] = '\\';
            out[position++] = (byte) shortEscape;
        }
        else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '=' || c == '\'') {
            unicodeEscape(c);
        }
        else {
            out[position++] = (byte) c;
        }
    }

    private void unicodeEscape(char c) {
        out[position++] = '\\';
        out[position++] = 'u';
        out[position++] = (byte) HEX.charAt((c >> 12) & 0xf);
        out[position++] = (byte) HEX.charAt((c >> 8) & 0xf);
        out[position++] = (byte) HEX.charAt((c >> 4) & 0xf);
        out[position++] = (byte) HEX.charAt(c & 0xf);
    }

    private void ascii(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            out[position++] = (byte) text.charAt(i);
        }
    }

    private static int decimalLength(long value) {
        if (value == Long.MIN_VALUE) {
            return 20;
        }
        int length = value < 0 ? 2 : 1;
        for (long rest = Math.abs(value); rest >= 10; rest /= 10) {
            length++;
        }
        return length;
    }

    private void decimal(long value) {
        int end = position + decimalLength(value);
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        if (value < 0) {
            out[position] = '-';
        }
        int digit = end;
        for (long rest = Math.abs(value); ; rest /= 10) {
            out[--digit] = (byte) ('0' + rest % 10);
            if (rest < 10) {
                break;
            }
        }
        position = end;
    }
}
