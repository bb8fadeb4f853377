package io.imstarter.protocol;

/**
 * Reads the strict, compact JSON that clients actually send (no whitespace, double-quoted known keys, plain
 * numbers, standard escapes) without Gson's reader and its buffers. Anything else, including every malformed
 * input, makes it give up with {@code null} so that Gson decides (section 2): inside its subset Gson's result is
 * unambiguous, so both agree.
 */
final class EnvelopeReader {

    private final String json;

    private final WireEnvelope envelope = new WireEnvelope();

    private int position;

    private long number;

    private EnvelopeReader(String json) {
        this.json = json;
    }

    /** The packet, or null when the text is outside the subset this reader takes. */
    static Packet read(String json) {
        EnvelopeReader reader = new EnvelopeReader(json);
        return reader.readObject() ? reader.envelope.toPacket() : null;
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
        return take('}') && position == json.length();
    }

    private boolean readMember() {
        if (key("bridge")) {
            return readBoolean(true);
        }
        if (key("type")) {
            return readInt(true);
        }
        if (key("dataContent")) {
            return readString(0);
        }
        if (key("from")) {
            return readString(1);
        }
        if (key("to")) {
            return readString(2);
        }
        if (key("fp")) {
            return readString(3);
        }
        if (key("QoS")) {
            return readBoolean(false);
        }
        if (key("typeu")) {
            return readInt(false);
        }
        if (key("sm") && readNumber(18)) {
            envelope.sm = number;
            return true;
        }
        return false;
    }

    /** Takes {@code name":} after the opening quote. */
    private boolean key(String name) {
        if (json.startsWith(name, position) && json.startsWith("\":", position + name.length())) {
            position += name.length() + 2;
            return true;
        }
        return false;
    }

    private boolean readBoolean(boolean isBridge) {
        boolean value;
        if (json.startsWith("true", position)) {
            value = true;
            position += 4;
        }
        else if (json.startsWith("false", position)) {
            value = false;
            position += 5;
        }
        else {
            return false;
        }
        if (isBridge) {
            envelope.bridge = value;
        }
        else {
            envelope.qos = value;
        }
        return true;
    }

    private boolean readInt(boolean isType) {
        if (!readNumber(10) || number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            return false;
        }
        if (isType) {
            envelope.type = (int) number;
        }
        else {
            envelope.typeu = (int) number;
        }
        return true;
    }

    /**
     * Reads into {@link #number} an optionally negative integer without leading zeros, fraction or exponent, of at
     * most {@code maxDigits} (so it cannot overflow a long).
     */
    private boolean readNumber(int maxDigits) {
        boolean negative = take('-');
        int start = position;
        long value = 0;
        while (position < json.length() && isDigit(json.charAt(position))) {
            value = value * 10 + (json.charAt(position++) - '0');
        }
        int digits = position - start;
        number = negative ? -value : value;
        return digits > 0 && digits <= maxDigits && (digits == 1 || json.charAt(start) != '0');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A double-quoted string or {@code null} into the string field with the given index. */
    private boolean readString(int field) {
        String value;
        if (json.startsWith("null", position)) {
            position += 4;
            value = null;
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
        switch (field) {
            case 0 -> envelope.dataContent = value;
            case 1 -> envelope.from = value;
            case 2 -> envelope.to = value;
            default -> envelope.fp = value;
        }
        return true;
    }

    /** The rest of a string after its opening quote; null on a control character, a bad escape or no end. */
    private String readQuoted() {
        int start = position;
        StringBuilder unescaped = null;
        while (position < json.length()) {
            char c = json.charAt(position++);
            if (c == '"') {
                return unescaped == null ? json.substring(start, position - 1) : unescaped.toString();
            }
            if (c < 0x20) {
                return null;
            }
            if (c == '\\') {
                if (unescaped == null) {
                    unescaped = new StringBuilder(json.length() - start).append(json, start, position - 1);
                }
                int escaped = readEscape();
                if (escaped < 0) {
                    return null;
                }
                unescaped.append((char) escaped);
            }
            else if (unescaped != null) {
                unescaped.append(c);
            }
        }
        return null;
    }

    /** The character an escape after its backslash stands for, or -1 when it is not a standard JSON escape. */
    private int readEscape() {
        if (position >= json.length()) {
            return -1;
        }
        char c = json.charAt(position++);
        return switch (c) {
            case '"', '\\', '/' -> c;
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
        if (position + 4 > json.length()) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = hexDigit(json.charAt(position++));
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** ASCII only, as Gson: {@link Character#digit} would also take other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private boolean take(char expected) {
        if (position < json.length() && json.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }
}
