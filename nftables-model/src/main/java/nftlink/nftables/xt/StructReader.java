package nftlink.nftables.xt;

import nftlink.netlink.NetlinkDecodeException;
import nftlink.nftables.Bytes;

import java.nio.charset.StandardCharsets;

/**
 * Reads an extension's info struct as the kernel lists it: host byte order
 * (little endian on the machines nftlink runs on) except where a field is stated
 * to be in network order, sized to {@code XT_ALIGN(sizeof(struct))}.
 */
final class StructReader {
    private final byte[] b;
    private final String what;

    private StructReader(byte[] b, String what) {
        this.b = b;
        this.what = what;
    }

    /** A reader of {@code info}, which must be {@code XT_ALIGN(size)} bytes long. */
    static StructReader of(Bytes info, int size, String what) {
        int aligned = (size + 7) & ~7;
        if (info.length() != aligned) {
            throw new NetlinkDecodeException(what + ": the kernel lists " + aligned + " bytes of info, not " + info.length());
        }
        return new StructReader(info.toArray(), what);
    }

    int u8(int offset) {
        return b[offset] & 0xff;
    }

    int u16(int offset) {
        return u8(offset) | u8(offset + 1) << 8;
    }

    int u16Be(int offset) {
        return u8(offset) << 8 | u8(offset + 1);
    }

    int u32(int offset) {
        return u16(offset) | u16(offset + 2) << 16;
    }

    byte[] bytes(int offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(b, offset, out, 0, length);
        return out;
    }

    /**
     * The NUL-terminated string of a {@code char[length]} field, one char per byte; {@code terminated}
     * says whether the kernel guarantees the NUL (a field without one is malformed then).
     */
    String string(int offset, int length, boolean terminated) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        if (end == offset + length && terminated) {
            throw new NetlinkDecodeException(what + ": a string field of " + length + " bytes has no terminating NUL");
        }
        return new String(b, offset, end - offset, StandardCharsets.ISO_8859_1);
    }

    /** Throws the decode exception for a value the struct does not allow. */
    NetlinkDecodeException malformed(String why) {
        return new NetlinkDecodeException(what + ": " + why);
    }
}
