package io.imstarter.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Reads the strict, compact JSON that clients actually send (no whitespace, double-quoted known keys, plain
 * numbers, standard escapes) straight from its UTF-8 bytes, without a {@code String} of the whole body or Gson's
 * reader and its buffers. Anything else, including every malformed input and ill-formed UTF-8, makes it give up
 * with {@code null} so that Gson decides on the decoded text (section 2): inside its subset Gson's result is
 * unambiguous, so both agree.
 *
 * <p>It also notes whether the bytes are exactly what {@link EnvelopeWriter} writes for the packet they hold (every
 * key once and in table order, no {@code null}, Gson's escapes and no others); only then does the packet remember
 * them, so a relay that writes them again sends what encoding would have sent.
 */
final class EnvelopeReader {

    /** The keys in the order of section 2's table, which is the order the writer uses. */
    private static final byte[][] KEYS = { ascii("bridge"), ascii("type"), ascii("dataContent"), ascii("from"),
        ascii("to"), ascii("fp"), ascii("QoS"), ascii("typeu"), ascii("sm") };
    private static final int BRIDGE = 0;
    private static final int TYPE = 1;
    private static final int DATA_CONTENT = 2;
    private static final int FROM = 3;
    private static final int TO = 4;
    private static final int QOS = 6;
    private static final int TYPEU = 7;
    private static final int SM = 8;
    /** The keys the writer always writes: the primitives. */
    private static final int PRIMITIVES = 1 << BRIDGE | 1 << TYPE | 1 << QOS | 1 << TYPEU | 1 << SM;
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");

    private final byte[] utf8;
    private final WireEnvelope envelope = new WireEnvelope();
    private int position;
    private long number;
    private boolean canonical = true;
    private int lastKey = -1;
    private int keysSeen;

    private EnvelopeReader(byte[] utf8) {
        this.utf8 = utf8;
    }

    /**
     * The packet, remembering {@code utf8} when the writer would write exactly those bytes for it, or null when the
     * input is outside the subset this reader takes.
     */
    static Packet read(byte[] utf8) {
        EnvelopeReader reader = new EnvelopeReader(utf8);
        if (!reader.readObject()) {
            return null;
        }
        boolean canonical = reader.canonical && (reader.keysSeen & PRIMITIVES) == PRIMITIVES;
        return reader.envelope.toPacket(canonical ? utf8 : null);
    }

    private boolean readObject() {
        if (!take('{')) {
            return false;
        }
        do {
            if (!take('"') || !readMember()) {
                return false;
            }
        }
        while (take(','));
        return take('}') && position == utf8.length;
    }

    private boolean readMember() {
        int key = key();
        if (key < 0) {
            return false;
        }
        canonical &= key > lastKey;
        lastKey = key;
        keysSeen |= 1 << key;
        return switch (key) {
            case BRIDGE, QOS -> readBoolean(key);
            case TYPE, TYPEU -> readInt(key);
            case SM -> readLong();
            default -> readString(key);
        };
    }

    /**
     * Takes {@code name":} after the opening quote; the index of the key, or -1 when it is none of them. It tries
     * the key that follows the last one first, which is the one canonical input has next.
     */
    private int key() {
        for (int i = 1; i <= KEYS.length; i++) {
            int key = (lastKey + i) % KEYS.length;
            byte[] name = KEYS[key];
            if (startsWith(name, position) && position + name.length + 1 < utf8.length
                    && utf8[position + name.length] == '"' && utf8[position + name.length + 1] == ':') {
                position += name.length + 2;
                return key;
            }
        }
        return -1;
    }

    private boolean readBoolean(int key) {
        boolean value;
        if (startsWith(TRUE, position)) {
            value = true;
            position += TRUE.length;
        }
        else if (startsWith(FALSE, position)) {
            value = false;
            position += FALSE.length;
        }
        else {
            return false;
        }
        if (key == BRIDGE) {
            envelope.bridge = value;
        }
        else {
            envelope.qos = value;
        }
        return true;
    }

    private boolean readInt(int key) {
        if (!readNumber() || number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            return false;
        }
        if (key == TYPE) {
            envelope.type = (int) number;
        }
        else {
            envelope.typeu = (int) number;
        }
        return true;
    }

    private boolean readLong() {
        if (!readNumber()) {
            return false;
        }
        envelope.sm = number;
        return true;
    }

    /**
     * Reads into {@link #number} an optionally negative integer without leading zeros, fraction or exponent that
     * fits a long. It counts down, as {@link Long#parseLong} does, so that {@link Long#MIN_VALUE} fits too.
     */
    private boolean readNumber() {
        boolean negative = take('-');
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long lastBeforeLimit = limit / 10;
        int start = position;
        long negated = 0;
        while (position < utf8.length && utf8[position] >= '0' && utf8[position] <= '9') {
            int digit = utf8[position++] - '0';
            if (negated < lastBeforeLimit || negated * 10 < limit + digit) {
                return false;
            }
            negated = negated * 10 - digit;
        }
        int digits = position - start;
        number = negative ? negated : -negated;
        // The writer has no "-0".
        canonical &= !negative || negated != 0;
        return digits > 0 && (digits == 1 || utf8[start] != '0');
    }

    /** A double-quoted string or {@code null} into the string field of the key. */
    private boolean readString(int key) {
        String value;
        if (startsWith(NULL, position)) {
            position += NULL.length;
            value = null;
            // The writer leaves a null string out.
            canonical = false;
        }
        else if (take('"')) {
            value = readQuoted();
            if (value == null) {
                return false;
            }
        }
        else {
            return false;
        }
        switch (key) {
            case DATA_CONTENT -> envelope.dataContent = value;
            case FROM -> envelope.from = value;
            case TO -> envelope.to = value;
            default -> envelope.fp = value;
        }
        return true;
    }

    /**
     * The rest of a string after its opening quote; null on a control character, a bad escape, ill-formed UTF-8 or
     * no end. A first pass finds the closing quote and checks the bytes; a string without escapes (the common case)
     * then becomes its {@code String} in one step, and only one with escapes is decoded character by character.
     */
    private String readQuoted() {
        int start = position;
        boolean escaped = false;
        boolean ascii = true;
        while (position < utf8.length) {
            int b = utf8[position];
            if (b == '"') {
                int end = position++;
                if (escaped) {
                    return unescape(start, end);
                }
                return new String(utf8, start, end - start,
                        ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            }
            if (b == '\\') {
                // The escape itself is checked when decoding; here it only must not end the string.
                escaped = true;
                position += 2;
            }
            else if (b >= 0x20) {
                canonical &= !isHtmlEscaped(b);
                position++;
            }
            else if (b >= 0) {
                return null;
            }
            else {
                position++;
                if (readCodePoint(b & 0xff) < 0) {
                    return null;
                }
                ascii = false;
            }
        }
        return null;
    }

    /** Decodes the checked bytes of a string with escapes, from {@code start} to its closing quote at {@code end}. */
    private String unescape(int start, int end) {
        // A character never takes fewer bytes than its UTF-16 units, so this capacity is enough.
        StringBuilder text = new StringBuilder(end - start);
        position = start;
        while (position < end) {
            int b = utf8[position++];
            if (b == '\\') {
                int character = readEscape();
                if (character < 0) {
                    return null;
                }
                text.append((char) character);
            }
            else if (b >= 0) {
                text.append((char) b);
            }
            else {
                text.appendCodePoint(readCodePoint(b & 0xff));
            }
        }
        position = end + 1;
        return text.toString();
    }

    /**
     * The code point of the well-formed UTF-8 sequence that starts with {@code lead}, read past (Unicode table 3-7:
     * no overlong form, no surrogate, nothing past U+10FFFF), or -1 when it is ill-formed.
     */
    private int readCodePoint(int lead) {
        int codePoint;
        if (lead >= 0xc2 && lead <= 0xdf) {
            codePoint = continuation(lead & 0x1f, 0x80, 0xbf);
        }
        else if (lead >= 0xe0 && lead <= 0xef) {
            int second = continuation(lead & 0x0f, lead == 0xe0 ? 0xa0 : 0x80, lead == 0xed ? 0x9f : 0xbf);
            codePoint = second < 0 ? -1 : continuation(second, 0x80, 0xbf);
        }
        else if (lead >= 0xf0 && lead <= 0xf4) {
            int second = continuation(lead & 0x07, lead == 0xf0 ? 0x90 : 0x80, lead == 0xf4 ? 0x8f : 0xbf);
            int third = second < 0 ? -1 : continuation(second, 0x80, 0xbf);
            codePoint = third < 0 ? -1 : continuation(third, 0x80, 0xbf);
        }
        else {
            return -1;
        }
        // The writer escapes these two.
        canonical &= codePoint != '\u2028' && codePoint != '\u2029';
        return codePoint;
    }

    /** {@code bits} followed by the six of the next byte when it lies in [min, max], or -1. */
    private int continuation(int bits, int min, int max) {
        if (position >= utf8.length) {
            return -1;
        }
        int b = utf8[position] & 0xff;
        if (b < min || b > max) {
            return -1;
        }
        position++;
        return bits << 6 | (b & 0x3f);
    }

    /**
     * The character an escape after its backslash stands for, or -1 when it is not a standard JSON escape. An escape
     * the writer would not use (such as {@code \/}, an escaped letter or upper-case hex) makes the input
     * non-canonical.
     */
    private int readEscape() {
        if (position >= utf8.length) {
            return -1;
        }
        int c = utf8[position++];
        return switch (c) {
            case '"', '\\' -> c;
            case '/' -> {
                canonical = false;
                yield c;
            }
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> readHex4();
            default -> -1;
        };
    }

    private int readHex4() {
        if (position + 4 > utf8.length) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = hexDigit(utf8[position++]);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        canonical &= writerEscapesAsUnicode(value);
        return value;
    }

    /** ASCII only, as Gson: {@link Character#digit} would also take other scripts' digits. */
    private int hexDigit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            // The writer's hex is lower case.
            canonical = false;
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Whether {@link EnvelopeWriter} writes the character as {@code \}{@code uXXXX}. */
    private static boolean writerEscapesAsUnicode(int c) {
        return c < 0x20 && c != '\b' && c != '\t' && c != '\n' && c != '\f' && c != '\r' || isHtmlEscaped(c)
                || c == '\u2028' || c == '\u2029';
    }

    private static boolean isHtmlEscaped(int c) {
        return c == '<' || c == '>' || c == '&' || c == '=' || c == '\'';
    }

    private boolean take(char expected) {
        if (position < utf8.length && utf8[position] == expected) {
            position++;
            return true;
        }
        return false;
    }

    private boolean startsWith(byte[] expected, int at) {
        if (at + expected.length > utf8.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (utf8[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String word) {
        return word.getBytes(StandardCharsets.US_ASCII);
    }
}
