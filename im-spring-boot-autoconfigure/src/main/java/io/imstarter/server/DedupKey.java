package io.imstarter.server;

/**
 * What {@link C2cTracker} keeps of a {@link MessageKey} for the dedup window. Up to {@code dedup-max-entries} keys
 * outlive their messages, and each young collection copies the ones made since the last: a fingerprint in the
 * canonical lower-case UUID form (what MobileIMSDK's and our clients send) is kept as its 128 bits rather than a
 * 36-character string; any other fingerprint is kept as it is. Equal keys have equal fingerprint strings.
 */
final class DedupKey {

    private static final int UUID_LENGTH = 36;
    /**
     * The heap a remembered key costs with a UUID fingerprint, estimated for compressed pointers: the key (40 bytes),
     * its hash map node (32) and table slot (8 at the map's load factor), and its slot in {@link DedupMemory}'s ring
     * (12). The peer's id is the session's string, shared.
     */
    private static final int UUID_KEY_BYTES = 92;
    /** A String's header and its byte array's header, added for a fingerprint kept as text. */
    private static final int STRING_OVERHEAD_BYTES = 40;

    private final String peer;
    private final long high;
    private final long low;
    /** The fingerprint when it is not a lower-case UUID, else null. */
    private final String otherFp;

    private DedupKey(String peer, long high, long low, String otherFp) {
        this.peer = peer;
        this.high = high;
        this.low = low;
        this.otherFp = otherFp;
    }

    static DedupKey of(MessageKey key) {
        String fp = key.fp();
        return isLowerCaseUuid(fp) ? new DedupKey(key.peer(), hexBits(fp, 0, 18), hexBits(fp, 19, UUID_LENGTH), null)
                : new DedupKey(key.peer(), 0, 0, fp);
    }

    private static boolean isLowerCaseUuid(String fp) {
        if (fp.length() != UUID_LENGTH) {
            return false;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = fp.charAt(i);
            if (isDashPosition(i) ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDashPosition(int i) {
        return i == 8 || i == 13 || i == 18 || i == 23;
    }

    /** The hex digits in {@code [from, to)} of a UUID checked by {@link #isLowerCaseUuid}, dashes skipped. */
    private static long hexBits(String fp, int from, int to) {
        long bits = 0;
        for (int i = from; i < to; i++) {
            if (!isDashPosition(i)) {
                bits = bits << 4 | Character.digit(fp.charAt(i), 16);
            }
        }
        return bits;
    }

    /** The heap this key costs while {@link DedupMemory} remembers it (an estimate; see {@link #UUID_KEY_BYTES}). */
    long retainedBytes() {
        return otherFp == null ? UUID_KEY_BYTES : UUID_KEY_BYTES + STRING_OVERHEAD_BYTES + 2L * otherFp.length();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DedupKey key && high == key.high && low == key.low && peer.equals(key.peer)
                && (otherFp == null ? key.otherFp == null : otherFp.equals(key.otherFp));
    }

    @Override
    public int hashCode() {
        return 31 * (31 * peer.hashCode() + Long.hashCode(high ^ low)) + (otherFp == null ? 0 : otherFp.hashCode());
    }
}
