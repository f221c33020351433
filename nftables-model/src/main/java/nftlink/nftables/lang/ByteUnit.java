package nftlink.nftables.lang;

import java.util.Optional;

/**
 * The units byte quantities are written and printed in ({@code quota 10 mbytes}, {@code limit rate 1 kbytes/second
 * burst 2 mbytes}): nft's {@code data_unit}s, which stop at mbytes both ways.
 */
public enum ByteUnit {
    /** Bytes. */
    BYTES("bytes", 1),
    /** 1024 bytes. */
    KBYTES("kbytes", 1L << 10),
    /** 1024 kbytes. */
    MBYTES("mbytes", 1L << 20);

    private final String nftName;
    private final long bytes;

    ByteUnit(String nftName, long bytes) {
        this.nftName = nftName;
        this.bytes = bytes;
    }

    /**
     * nft's name: {@code bytes}, {@code kbytes}, {@code mbytes}.
     *
     * @return the name
     */
    public String nftName() {
        return nftName;
    }

    /**
     * How many bytes one unit is.
     *
     * @return the number of bytes
     */
    public long bytes() {
        return bytes;
    }

    /**
     * The unit nft names {@code name}; empty for another word.
     *
     * @param name the name
     * @return the unit, or empty
     */
    public static Optional<ByteUnit> named(String name) {
        for (ByteUnit u : values()) {
            if (u.nftName.equals(name)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    /**
     * The names, for error messages.
     *
     * @return the names, comma separated
     */
    public static String names() {
        return "bytes, kbytes or mbytes";
    }

    /**
     * The unit nft prints {@code bytes} in (its {@code get_rate}): the largest that divides it
     * exactly.
     *
     * @param bytes a number of bytes
     * @return the unit
     */
    public static ByteUnit of(long bytes) {
        ByteUnit unit = BYTES;
        for (ByteUnit u : values()) {
            if (bytes != 0 && Long.remainderUnsigned(bytes, u.bytes) == 0) {
                unit = u;
            }
        }
        return unit;
    }

    /**
     * {@code bytes} in this unit (a whole number when this is {@link #of} it).
     *
     * @param bytes a number of bytes
     * @return the count in this unit, rounded down
     */
    public long count(long bytes) {
        return Long.divideUnsigned(bytes, this.bytes);
    }

    /**
     * {@code bytes} as nft prints it: {@code 10 mbytes}, {@code 1025 kbytes}, {@code 7 bytes}.
     *
     * @param bytes a number of bytes
     * @return the text
     */
    public static String format(long bytes) {
        ByteUnit u = of(bytes);
        return Long.toUnsignedString(u.count(bytes)) + " " + u.nftName;
    }
}
