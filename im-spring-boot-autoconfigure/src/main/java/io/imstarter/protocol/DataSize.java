package io.imstarter.protocol;

/**
 * A number of bytes, as a setting. The factories carry the unit so that a default reads as it is meant
 * ({@code DataSize.ofKilobytes(64)}) and the configuration metadata can show it as {@code 64KB}; the Spring edge
 * reads values such as {@code 6144}, {@code 6144B} or {@code 1MB}.
 */
public final class DataSize {

    private static final long KILOBYTE = 1024;

    private final long bytes;

    private DataSize(long bytes) {
        this.bytes = bytes;
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofKilobytes(long kilobytes) {
        return new DataSize(Math.multiplyExact(kilobytes, KILOBYTE));
    }

    public static DataSize ofMegabytes(long megabytes) {
        return new DataSize(Math.multiplyExact(megabytes, KILOBYTE * KILOBYTE));
    }

    public long toBytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataSize size && size.bytes == bytes;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes + "B";
    }
}
