package nftlink.nftables;

import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.RawAttribute;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Expressions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * A set or map at kernel level: key (and data) types and lengths as numbers, the
 * flags, limits and the userdata nft stores its {@code typeof} and comment in.
 *
 * @param family       address family of its table
 * @param table        table name
 * @param name         set name ({@code __set%d} for an anonymous set to be named by the kernel)
 * @param handle       kernel handle, or 0 when not known
 * @param flags        {@code NFT_SET_*} flags (interval, map, timeout, ...)
 * @param keyType      nft datatype number of the key ({@code NFTA_SET_KEY_TYPE})
 * @param keyLength    key length in bytes
 * @param dataType     datatype of map data, or 0 ({@code NFT_DATA_VERDICT} = 0xffffff00 for verdict maps)
 * @param dataLength   data length in bytes, or 0
 * @param objectType   {@code NFT_OBJECT_*} of an object map, or 0
 * @param policy       {@code NFT_SET_POL_*}, or -1 when not given
 * @param size         maximum number of elements, or 0 for no limit
 * @param fieldLengths lengths of the fields of a concatenated key ({@code NFTA_SET_DESC_CONCAT}), or empty
 * @param timeout      default element timeout in milliseconds, or 0
 * @param gcInterval   garbage collection interval in milliseconds, or 0
 * @param id           transaction-local ID that rules in the same batch refer to; the kernel requires
 *                     one when a set is added, so {@link NftOperation.AddSet} assigns one when this is 0
 * @param userdata     nft's userdata TLVs, verbatim ({@link Userdata#findComment} reads the comment), or {@code null}
 * @param expressions  stateful expressions every element gets (e.g. a counter), or empty
 * @param unknown      attributes the library does not interpret, kept for round trips
 */
public record NftSet(Family family, String table, String name, long handle, int flags, int keyType, int keyLength,
                     int dataType, int dataLength, int objectType, int policy, int size, List<Integer> fieldLengths,
                     long timeout, int gcInterval, int id, byte[] userdata, List<Expression> expressions,
                     List<RawAttribute> unknown) {

    public NftSet {
        Objects.requireNonNull(family, "family");
        ObjectNames.check("table", table);
        ObjectNames.check("set", name);
        fieldLengths = List.copyOf(fieldLengths);
        userdata = userdata == null ? null : userdata.clone();
        expressions = List.copyOf(expressions);
        unknown = List.copyOf(unknown);
    }

    /** {@code NFT_DATA_VALUE_MAXLEN}: the longest key or data value. */
    private static final int MAX_VALUE_LENGTH = 64;
    /** {@code NFT_REG32_COUNT}: the most fields a concatenation has. */
    private static final int MAX_CONCAT_FIELDS = 16;

    /** A plain set of keys of {@code keyType} and {@code keyLength} bytes. */
    public static NftSet of(Family family, String table, String name, int keyType, int keyLength) {
        return new NftSet(family, table, name, 0, 0, keyType, keyLength, 0, 0, 0, -1, 0, List.of(), 0, 0, 0,
                null, List.of(), List.of());
    }

    public NftSet withFlags(int newFlags) {
        return new NftSet(family, table, name, handle, newFlags, keyType, keyLength, dataType, dataLength, objectType,
                policy, size, fieldLengths, timeout, gcInterval, id, userdata, expressions, unknown);
    }

    /** This set as a map to data of {@code type} and {@code length} bytes (sets {@code NFT_SET_MAP}). */
    public NftSet withData(int type, int length) {
        return new NftSet(family, table, name, handle, flags | NFT_SET_MAP, keyType, keyLength, type, length, objectType,
                policy, size, fieldLengths, timeout, gcInterval, id, userdata, expressions, unknown);
    }

    public NftSet withTimeout(long millis) {
        return new NftSet(family, table, name, handle, flags, keyType, keyLength, dataType, dataLength, objectType,
                policy, size, fieldLengths, millis, gcInterval, id, userdata, expressions, unknown);
    }

    public NftSet withSize(int newSize) {
        return new NftSet(family, table, name, handle, flags, keyType, keyLength, dataType, dataLength, objectType,
                policy, newSize, fieldLengths, timeout, gcInterval, id, userdata, expressions, unknown);
    }

    public NftSet withFieldLengths(List<Integer> lengths) {
        return new NftSet(family, table, name, handle, flags, keyType, keyLength, dataType, dataLength, objectType,
                policy, size, lengths, timeout, gcInterval, id, userdata, expressions, unknown);
    }

    public NftSet withId(int newId) {
        return new NftSet(family, table, name, handle, flags, keyType, keyLength, dataType, dataLength, objectType,
                policy, size, fieldLengths, timeout, gcInterval, newId, userdata, expressions, unknown);
    }

    /** The same set as an object map ({@code NFT_SET_OBJECT}) of objects of {@code type} ({@code NFT_OBJECT_*}). */
    public NftSet withObjectType(int type) {
        return new NftSet(family, table, name, handle, flags | NFT_SET_OBJECT, keyType, keyLength, dataType, dataLength, type,
                policy, size, fieldLengths, timeout, gcInterval, id, userdata, expressions, unknown);
    }

    public NftSet withUserdata(byte[] newUserdata) {
        return new NftSet(family, table, name, handle, flags, keyType, keyLength, dataType, dataLength, objectType,
                policy, size, fieldLengths, timeout, gcInterval, id, newUserdata, expressions, unknown);
    }

    @Override
    public byte[] userdata() {
        return userdata == null ? null : userdata.clone();
    }

    /** Whether this is a map (elements carry data). */
    public boolean isMap() {
        return (flags & NFT_SET_MAP) != 0;
    }

    /** Whether this set holds intervals. */
    public boolean isInterval() {
        return (flags & NFT_SET_INTERVAL) != 0;
    }

    /** {@code family table name}. */
    public String qualifiedName() {
        return family.nftName() + " " + table + " " + name;
    }

    /** Writes the attributes of {@code NFT_MSG_NEWSET}. */
    public void writeAttributes(MessageWriter w) {
        w.attrString(NFTA_SET_TABLE, table);
        w.attrString(NFTA_SET_NAME, name);
        if (flags != 0) {
            w.attrU32Be(NFTA_SET_FLAGS, flags);
        }
        w.attrU32Be(NFTA_SET_KEY_TYPE, keyType);
        w.attrU32Be(NFTA_SET_KEY_LEN, keyLength);
        if (isMap()) {
            w.attrU32Be(NFTA_SET_DATA_TYPE, dataType);
            w.attrU32Be(NFTA_SET_DATA_LEN, dataLength);
        }
        if ((flags & NFT_SET_OBJECT) != 0) {
            w.attrU32Be(NFTA_SET_OBJ_TYPE, objectType);
        }
        if (timeout != 0) {
            w.attrU64Be(NFTA_SET_TIMEOUT, timeout);
        }
        if (gcInterval != 0) {
            w.attrU32Be(NFTA_SET_GC_INTERVAL, gcInterval);
        }
        if (policy >= 0) {
            w.attrU32Be(NFTA_SET_POLICY, policy);
        }
        if (userdata != null) {
            w.attrBytes(NFTA_SET_USERDATA, userdata);
        }
        if (size != 0 || !fieldLengths.isEmpty()) {
            int desc = w.beginNested(NFTA_SET_DESC, false);
            if (size != 0) {
                w.attrU32Be(NFTA_SET_DESC_SIZE, size);
            }
            if (!fieldLengths.isEmpty()) {
                int concat = w.beginNested(NFTA_SET_DESC_CONCAT, false);
                for (int length : fieldLengths) {
                    int field = w.beginNested(NfTablesUapi.NFTA_LIST_ELEM, false);
                    w.attrU32Be(NFTA_SET_FIELD_LEN, length);
                    w.endNested(field);
                }
                w.endNested(concat);
            }
            w.endNested(desc);
        }
        if (id != 0) {
            w.attrU32Be(NFTA_SET_ID, id);
        }
        if (expressions.size() == 1) {
            int e = w.beginNested(NFTA_SET_EXPR, false);
            Expressions.writeElementBody(w, expressions.getFirst());
            w.endNested(e);
        } else if (expressions.size() > 1) {
            Expressions.write(w, NFTA_SET_EXPRESSIONS, expressions);
        }
        for (RawAttribute a : unknown) {
            if (a.type() != NFTA_SET_TYPE && a.type() != NFTA_SET_COUNT) {
                a.write(w);
            }
        }
    }

    /** The comment nft stored in the userdata, or {@code null}. */
    public String comment() {
        return userdata == null ? null : Userdata.findString(userdata, NFTNL_UDATA_SET_COMMENT);
    }

    /**
     * Decodes an {@code NFT_MSG_NEWSET} message (a dump entry or an echo).
     *
     * @throws NetlinkDecodeException when the message is malformed
     */
    public static NftSet decode(NetlinkMessage message) {
        Family family = Family.ofMessage(message);
        String table = null;
        String name = null;
        long handle = 0;
        int flags = 0;
        Integer keyType = null;
        Integer keyLength = null;
        int dataType = 0;
        int dataLength = 0;
        int objectType = 0;
        int policy = -1;
        int size = 0;
        List<Integer> fields = new ArrayList<>();
        long timeout = 0;
        int gcInterval = 0;
        int id = 0;
        byte[] userdata = null;
        List<Expression> expressions = new ArrayList<>();
        List<RawAttribute> unknown = new ArrayList<>(0);
        for (Attribute a : message.attributes(Nfnetlink.NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_SET_TABLE -> table = a.string();
                case NFTA_SET_NAME -> name = a.string();
                case NFTA_SET_HANDLE -> handle = a.u64Be();
                case NFTA_SET_FLAGS -> flags = a.u32Be();
                case NFTA_SET_KEY_TYPE -> keyType = a.u32Be();
                case NFTA_SET_KEY_LEN -> keyLength = a.u32Be();
                case NFTA_SET_DATA_TYPE -> dataType = a.u32Be();
                case NFTA_SET_DATA_LEN -> dataLength = a.u32Be();
                case NFTA_SET_OBJ_TYPE -> objectType = a.u32Be();
                case NFTA_SET_POLICY -> policy = a.u32Be();
                case NFTA_SET_TIMEOUT -> timeout = a.u64Be();
                case NFTA_SET_GC_INTERVAL -> gcInterval = a.u32Be();
                case NFTA_SET_ID -> id = a.u32Be();
                case NFTA_SET_USERDATA -> userdata = a.bytes();
                case NFTA_SET_DESC -> {
                    for (Attribute d : a.nested()) {
                        switch (d.type()) {
                            case NFTA_SET_DESC_SIZE -> size = d.u32Be();
                            case NFTA_SET_DESC_CONCAT -> {
                                for (Attribute field : d.nested()) {
                                    fields.add(field.nested().require(NFTA_SET_FIELD_LEN, "NFTA_SET_FIELD_LEN").u32Be());
                                }
                            }
                            default -> throw new NetlinkDecodeException("set description: unexpected attribute " + d.type());
                        }
                    }
                }
                case NFTA_SET_EXPR -> expressions.add(Expressions.decode(a));
                case NFTA_SET_EXPRESSIONS -> expressions.addAll(Expressions.decodeList(a));
                case NFTA_SET_PAD -> { }
                default -> unknown.add(RawAttribute.of(a));
            }
        }
        if (table == null || name == null || keyType == null || keyLength == null) {
            throw new NetlinkDecodeException("set message without table, name, key type or key length");
        }
        ObjectNames.decoded("table", table);
        ObjectNames.decoded("set", name);
        checkLengths(keyLength, dataLength, fields);
        return new NftSet(family, table, name, handle, flags, keyType, keyLength, dataType, dataLength, objectType,
                policy, size, fields, timeout, gcInterval, id, userdata, expressions, unknown);
    }

    /** The kernel's limits on key, data and field lengths ({@code NFT_DATA_VALUE_MAXLEN}, {@code NFT_REG32_COUNT}). */
    private static void checkLengths(int keyLength, int dataLength, List<Integer> fields) {
        if (keyLength < 1 || keyLength > MAX_VALUE_LENGTH || dataLength < 0 || dataLength > MAX_VALUE_LENGTH) {
            throw new NetlinkDecodeException("malformed set message: key length " + keyLength + ", data length "
                    + dataLength + " (the kernel allows 1 to " + MAX_VALUE_LENGTH + ")");
        }
        if (fields.size() > MAX_CONCAT_FIELDS || fields.stream().anyMatch(f -> f < 1 || f > MAX_VALUE_LENGTH)) {
            throw new NetlinkDecodeException("malformed set message: concatenation field lengths " + fields);
        }
    }

    /**
     * Decodes a message that names a set without describing it (a deletion
     * notification): table, name, handle and flags; the key type and length are 0
     * when absent.
     */
    public static NftSet decodeReference(NetlinkMessage message) {
        Family family = Family.ofMessage(message);
        String table = null;
        String name = null;
        long handle = 0;
        int flags = 0;
        int keyType = 0;
        int keyLength = 0;
        for (Attribute a : message.attributes(Nfnetlink.NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_SET_TABLE -> table = a.string();
                case NFTA_SET_NAME -> name = a.string();
                case NFTA_SET_HANDLE -> handle = a.u64Be();
                case NFTA_SET_FLAGS -> flags = a.u32Be();
                case NFTA_SET_KEY_TYPE -> keyType = a.u32Be();
                case NFTA_SET_KEY_LEN -> keyLength = a.u32Be();
                default -> { }
            }
        }
        if (table == null || name == null) {
            throw new NetlinkDecodeException("set message without table or name");
        }
        ObjectNames.decoded("table", table);
        ObjectNames.decoded("set", name);
        return new NftSet(family, table, name, handle, flags, keyType, keyLength, 0, 0, 0, -1, 0, List.of(), 0, 0, 0,
                null, List.of(), List.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NftSet s && family == s.family && table.equals(s.table) && name.equals(s.name)
                && handle == s.handle && flags == s.flags && keyType == s.keyType && keyLength == s.keyLength
                && dataType == s.dataType && dataLength == s.dataLength && objectType == s.objectType
                && policy == s.policy && size == s.size && fieldLengths.equals(s.fieldLengths) && timeout == s.timeout
                && gcInterval == s.gcInterval && id == s.id && Arrays.equals(userdata, s.userdata)
                && expressions.equals(s.expressions) && unknown.equals(s.unknown);
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, table, name, handle, flags, keyType, keyLength);
    }

    @Override
    public String toString() {
        return "NftSet[" + qualifiedName() + ", flags=0x" + Integer.toHexString(flags) + ", key=" + keyType + "/"
                + keyLength + (isMap() ? ", data=" + Integer.toHexString(dataType) + "/" + dataLength : "") + "]";
    }
}
