package nftlink.nftables;

import nftlink.netlink.Attribute;
import nftlink.netlink.NetlinkDecodeException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The userdata blob nft stores with tables, chains, rules and sets: a sequence of
 * TLVs (type u8, length u8, value) in libnftnl's {@code nftnl_udata} format.
 * Comments are type {@link NfTablesUapi#NFTNL_UDATA_COMMENT}, a NUL-terminated string.
 */
public final class Userdata {
    private Userdata() {
    }

    /** Longest comment nft accepts (the kernel's userdata limit is 256 bytes). */
    public static final int MAX_COMMENT_BYTES = 252;

    /**
     * The userdata nft gives the start of an interval that runs to the end of the key space (no
     * end element follows): element flags, open interval, a u32 in host byte order.
     *
     * @return the userdata bytes
     */
    public static byte[] intervalOpen() {
        int flags = NfTablesUapi.NFTNL_SET_ELEM_F_INTERVAL_OPEN;
        return new byte[]{(byte) NfTablesUapi.NFTNL_UDATA_SET_ELEM_FLAGS, 4, (byte) flags, (byte) (flags >> 8),
                (byte) (flags >> 16), (byte) (flags >> 24)};
    }

    /**
     * The userdata holding only a comment.
     *
     * @param comment the comment
     * @return the userdata bytes
     */
    public static byte[] comment(String comment) {
        return string(NfTablesUapi.NFTNL_UDATA_COMMENT, comment);
    }

    /** The userdata holding only a set's comment ({@code NFTNL_UDATA_SET_COMMENT}). */
    static byte[] setComment(String comment) {
        return string(NfTablesUapi.NFTNL_UDATA_SET_COMMENT, comment);
    }

    private static byte[] string(int type, String comment) {
        byte[] text = comment.getBytes(StandardCharsets.UTF_8);
        if (text.length + 1 > MAX_COMMENT_BYTES) {
            throw new IllegalArgumentException("comment is " + text.length + " bytes; at most "
                    + (MAX_COMMENT_BYTES - 1) + " fit");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 3);
        out.write(type);
        out.write(text.length + 1);
        out.writeBytes(text);
        out.write(0);
        return out.toByteArray();
    }

    /**
     * The comment in a userdata blob, or {@code null} when there is none.
     *
     * @param userdata the blob, or {@code null}
     * @return the comment, or {@code null}
     * @throws NetlinkDecodeException when the blob is not a well-formed TLV sequence
     */
    public static String findComment(byte[] userdata) {
        return findString(userdata, NfTablesUapi.NFTNL_UDATA_COMMENT);
    }

    /**
     * The NUL-terminated string of TLV type {@code type}, or {@code null} when there
     * is none (sets keep their comment under {@link NfTablesUapi#NFTNL_UDATA_SET_COMMENT}).
     *
     * @param userdata the blob, or {@code null}
     * @param wantedType the TLV type
     * @return the string, or {@code null}
     * @throws NetlinkDecodeException when the blob is not a well-formed TLV sequence
     */
    public static String findString(byte[] userdata, int wantedType) {
        int i = 0;
        while (i < userdata.length) {
            if (userdata.length - i < 2) {
                throw new NetlinkDecodeException("userdata: truncated TLV header at offset " + i);
            }
            int type = userdata[i] & 0xff;
            int length = userdata[i + 1] & 0xff;
            if (length > userdata.length - i - 2) {
                throw new NetlinkDecodeException("userdata: TLV at offset " + i + " claims " + length + " bytes");
            }
            if (type == wantedType) {
                int end = i + 2;
                while (end < i + 2 + length && userdata[end] != 0) {
                    end++;
                }
                return new String(userdata, i + 2, end - i - 2, StandardCharsets.UTF_8);
            }
            i += 2 + length;
        }
        return null;
    }

    /**
     * The blob without its TLVs of type {@code unwantedType} (e.g. a set without its comment, as nft's
     * {@code get element} prints the set).
     *
     * @param userdata the blob, or {@code null}
     * @param unwantedType the TLV type to leave out
     * @return the other TLVs, in order; {@code null} for {@code null}
     * @throws NetlinkDecodeException when the blob is not a well-formed TLV sequence
     */
    public static byte[] without(byte[] userdata, int unwantedType) {
        if (userdata == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < userdata.length) {
            if (userdata.length - i < 2 || (userdata[i + 1] & 0xff) > userdata.length - i - 2) {
                throw new NetlinkDecodeException("userdata: malformed TLV at offset " + i);
            }
            int length = 2 + (userdata[i + 1] & 0xff);
            if ((userdata[i] & 0xff) != unwantedType) {
                out.write(userdata, i, length);
            }
            i += length;
        }
        return out.toByteArray();
    }

    /**
     * Whether the blob holds exactly one comment TLV and nothing else.
     *
     * @param userdata the blob, or {@code null}
     * @return whether it is only a comment
     */
    public static boolean isOnlyComment(byte[] userdata) {
        String c = findComment(userdata);
        return c != null && Arrays.equals(userdata, comment(c));
    }

    /**
     * The comment of a received userdata attribute when it holds only a comment, else {@code null}
     * (the object then keeps the whole userdata).
     */
    static String commentOnly(Attribute userdata) {
        byte[] bytes = userdata.bytes();
        try {
            return isOnlyComment(bytes) ? findComment(bytes) : null;
        } catch (IllegalArgumentException | NetlinkDecodeException e) {
            return null;
        }
    }
}
