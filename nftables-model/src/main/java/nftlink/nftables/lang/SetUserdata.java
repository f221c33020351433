package nftlink.nftables.lang;

import nftlink.nftables.NfTablesUapi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The userdata nft keeps with a set or map, libnftnl's {@code NFTNL_UDATA_SET_*} TLVs in the
 * order nft 1.1.3 writes them: the key's byte order, the data's byte order (data maps), the
 * auto-merge flag, the {@code typeof} descriptions of key and data ({@link SetTypeof}), whether the
 * data are intervals (maps and object maps), and the comment. The one writer every front end uses,
 * and the reader of what nft wrote.
 *
 * @param keyByteOrder  the key's byte order ({@link #HOST}, {@link #BIG}, {@link #INVALID} for
 *                      concatenations), or {@link #ABSENT}
 * @param dataByteOrder the data's byte order (0 for verdicts), or {@link #ABSENT} when it is no data map
 * @param autoMerge     whether the set was declared {@code auto-merge}
 * @param keyTypeof     the key's typeof description ({@link SetTypeof#describe}), or {@code null}
 * @param dataTypeof    the data's typeof description, or {@code null}
 * @param dataInterval  1 when map data are ranges, 0 when not, {@link #ABSENT} when not written
 * @param comment       the comment, or {@code null}
 */
public record SetUserdata(int keyByteOrder, int dataByteOrder, boolean autoMerge, byte[] keyTypeof, byte[] dataTypeof,
                          int dataInterval, String comment) {

    /** Not written. */
    public static final int ABSENT = -1;
    /** nft's {@code BYTEORDER_INVALID}: a concatenation's or a verdict's byte order. */
    public static final int INVALID = 0;
    /** nft's {@code BYTEORDER_HOST_ENDIAN}. */
    public static final int HOST = 1;
    /** nft's {@code BYTEORDER_BIG_ENDIAN}. */
    public static final int BIG = 2;

    private static final int KEY_BYTEORDER = 0;
    private static final int DATA_BYTEORDER = 1;
    private static final int MERGE_ELEMENTS = 2;
    private static final int KEY_TYPEOF = 3;
    private static final int DATA_TYPEOF = 4;
    private static final int DATA_INTERVAL = NfTablesUapi.NFTNL_UDATA_SET_DATA_INTERVAL;
    private static final int COMMENT = NfTablesUapi.NFTNL_UDATA_SET_COMMENT;
    private static final int MAX_LENGTH = 256;

    /** Copies the typeof descriptions, which may be null. */
    public SetUserdata {
        keyTypeof = keyTypeof == null ? null : keyTypeof.clone();
        dataTypeof = dataTypeof == null ? null : dataTypeof.clone();
    }

    /**
     * Userdata with only the key's byte order.
     *
     * @param keyByteOrder nft's byte order of the key
     * @return the userdata
     */
    public static SetUserdata keyOnly(int keyByteOrder) {
        return new SetUserdata(keyByteOrder, ABSENT, false, null, null, ABSENT, null);
    }

    /**
     * nft's byte order of a field's values: {@link #INVALID} for a concatenation.
     *
     * @param field the field
     * @return the byte order
     */
    public static int byteOrder(Field field) {
        return field instanceof ConcatField ? INVALID : byteOrder(field.datatype());
    }

    /**
     * nft's byte order of values of a datatype: strings (names of helpers, OS fingerprints) in host
     * order too.
     *
     * @param type the datatype
     * @return the byte order
     */
    public static int byteOrder(Datatype type) {
        return type.hostOrder() || type == Datatype.STRING ? HOST : BIG;
    }

    /**
     * The key's typeof description.
     *
     * @return a copy, or {@code null} when there is none
     */
    @Override
    public byte[] keyTypeof() {
        return keyTypeof == null ? null : keyTypeof.clone();
    }

    /**
     * The data's typeof description.
     *
     * @return a copy, or {@code null} when there is none
     */
    @Override
    public byte[] dataTypeof() {
        return dataTypeof == null ? null : dataTypeof.clone();
    }

    /**
     * This userdata with another comment.
     *
     * @param newComment the comment, or {@code null} for none
     * @return the changed copy
     */
    public SetUserdata withComment(String newComment) {
        return new SetUserdata(keyByteOrder, dataByteOrder, autoMerge, keyTypeof, dataTypeof, dataInterval, newComment);
    }

    /**
     * The TLVs, as nft writes them.
     *
     * @return the bytes
     * @throws IllegalArgumentException when the comment or the whole does not fit nft's userdata limit
     */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (keyByteOrder != ABSENT) {
            tlv(out, KEY_BYTEORDER, u32(keyByteOrder));
        }
        if (dataByteOrder != ABSENT) {
            tlv(out, DATA_BYTEORDER, u32(dataByteOrder));
        }
        if (autoMerge) {
            tlv(out, MERGE_ELEMENTS, u32(1));
        }
        if (keyTypeof != null) {
            tlv(out, KEY_TYPEOF, keyTypeof);
        }
        if (dataTypeof != null) {
            tlv(out, DATA_TYPEOF, dataTypeof);
        }
        if (dataInterval != ABSENT) {
            tlv(out, DATA_INTERVAL, u32(dataInterval));
        }
        if (comment != null) {
            byte[] text = comment.getBytes(StandardCharsets.UTF_8);
            if (text.length + 1 > 252) {
                throw new IllegalArgumentException("comment too long (" + text.length + " bytes)");
            }
            tlv(out, COMMENT, Arrays.copyOf(text, text.length + 1));
        }
        if (out.size() > MAX_LENGTH) {
            throw new IllegalArgumentException("set userdata too long (" + out.size() + " bytes)");
        }
        return out.toByteArray();
    }

    /**
     * Reads the userdata of a set as nft does: TLVs it does not know are skipped, a malformed
     * sequence reads as far as it is well formed.
     *
     * @param userdata the set's userdata, or {@code null}
     * @return the userdata read
     */
    public static SetUserdata decode(byte[] userdata) {
        int keyOrder = ABSENT;
        int dataOrder = ABSENT;
        boolean merge = false;
        byte[] keyTypeof = null;
        byte[] dataTypeof = null;
        int interval = ABSENT;
        String comment = null;
        byte[] u = userdata == null ? new byte[0] : userdata;
        for (int i = 0; i + 2 <= u.length; ) {
            int type = u[i] & 0xff;
            int length = u[i + 1] & 0xff;
            if (i + 2 + length > u.length) {
                break;
            }
            byte[] v = Arrays.copyOfRange(u, i + 2, i + 2 + length);
            switch (type) {
                case KEY_BYTEORDER -> keyOrder = u32(v, keyOrder);
                case DATA_BYTEORDER -> dataOrder = u32(v, dataOrder);
                case MERGE_ELEMENTS -> merge = u32(v, 0) != 0;
                case KEY_TYPEOF -> keyTypeof = v;
                case DATA_TYPEOF -> dataTypeof = v;
                case DATA_INTERVAL -> interval = u32(v, interval);
                case COMMENT -> comment = string(v);
                default -> { }
            }
            i += 2 + length;
        }
        return new SetUserdata(keyOrder, dataOrder, merge, keyTypeof, dataTypeof, interval, comment);
    }

    private static String string(byte[] v) {
        int end = 0;
        while (end < v.length && v[end] != 0) {
            end++;
        }
        return new String(v, 0, end, StandardCharsets.UTF_8);
    }

    static void tlv(ByteArrayOutputStream out, int type, byte[] value) {
        if (value.length > 255) {
            throw new IllegalArgumentException("userdata value too long");
        }
        out.write(type);
        out.write(value.length);
        out.writeBytes(value);
    }

    static byte[] u32(int v) {
        return new byte[]{(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    static int u32(byte[] b, int otherwise) {
        return b.length != 4 ? otherwise : (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetUserdata s && keyByteOrder == s.keyByteOrder && dataByteOrder == s.dataByteOrder
                && autoMerge == s.autoMerge && Arrays.equals(keyTypeof, s.keyTypeof) && Arrays.equals(dataTypeof, s.dataTypeof)
                && dataInterval == s.dataInterval && Objects.equals(comment, s.comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyByteOrder, dataByteOrder, autoMerge, Arrays.hashCode(keyTypeof), Arrays.hashCode(dataTypeof),
                dataInterval, comment);
    }

    @Override
    public String toString() {
        return "SetUserdata[key=" + keyByteOrder + ", data=" + dataByteOrder + ", merge=" + autoMerge + ", comment=" + comment + "]";
    }
}
