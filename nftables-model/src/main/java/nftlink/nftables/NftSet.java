package nftlink.nftables;

import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.RawAttribute;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Expressions;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.ObjectType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * A set or map at kernel level: key (and data) types and lengths as numbers, the
 * flags, limits and the userdata nft stores its {@code typeof} and comment in. The
 * numbers are kept as the kernel sends them, so that a set listed and added again is
 * the same set; {@link #builder} and {@link #of(Family, String, String, Datatype...)}
 * make one from {@link Datatype}s, {@link SetFlag}s and {@link Duration}s, and
 * {@link #keyDatatypes()}, {@link #flagSet()} and {@link #timeout()} read it back:
 * <pre>{@code
 * NftSet blocked = NftSet.builder(Family.INET, "app", "blocked")
 *         .key(Datatype.IPV4_ADDR).timeout(Duration.ofHours(1)).build();
 * }</pre>
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
 * @param timeout      default element timeout ({@code NFTA_SET_TIMEOUT}, milliseconds on the wire), or zero
 * @param gcInterval   garbage collection interval ({@code NFTA_SET_GC_INTERVAL}, milliseconds), or zero
 * @param id           transaction-local ID that rules in the same batch refer to; the kernel requires
 *                     one when a set is added, so {@link NftOperation.AddSet} assigns one when this is 0
 * @param userdata     nft's userdata TLVs, verbatim ({@link Userdata#findComment} reads the comment), or {@code null}
 * @param expressions  stateful expressions every element gets (e.g. a counter), or empty
 * @param unknown      attributes the library does not interpret, kept for round trips
 */
public record NftSet(Family family, String table, String name, long handle, int flags, int keyType, int keyLength,
                     int dataType, int dataLength, int objectType, int policy, int size, List<Integer> fieldLengths,
                     Duration timeout, Duration gcInterval, int id, byte[] userdata, List<Expression> expressions,
                     List<RawAttribute> unknown) implements RulesetObject {

    /**
     * Checks names and copies the lists; the numbers are kept as given, so that anything decoded
     * encodes to the same bytes.
     */
    public NftSet {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(gcInterval, "gcInterval");
        ObjectNames.check("table", table);
        ObjectNames.check("set", name);
        fieldLengths = List.copyOf(fieldLengths);
        userdata = userdata == null ? null : userdata.clone();
        expressions = List.copyOf(expressions);
        unknown = List.copyOf(unknown);
    }

    /** {@code NFT_DATA_VALUE_MAXLEN}: the longest key or data value. */
    private static final int MAX_VALUE_LENGTH = 64;
    /** {@code NFT_DATA_VERDICT}: the data type of verdict maps. */
    private static final int NFT_DATA_VERDICT = 0xffffff00;
    /** {@code NFT_REG32_COUNT}: the most fields a concatenation has. */
    private static final int MAX_CONCAT_FIELDS = 16;

    /**
     * A plain set of keys given by raw type number and length, for types {@link Datatype} does not
     * name; {@link #of(Family, String, String, Datatype...)} and {@link #builder} are the typed ways.
     *
     * @param family    address family of the table
     * @param table     table name
     * @param name      set name
     * @param keyType   {@code NFTA_SET_KEY_TYPE}
     * @param keyLength {@code NFTA_SET_KEY_LEN} in bytes
     * @return the set, without flags, timeout or handle
     */
    public static NftSet of(Family family, String table, String name, int keyType, int keyLength) {
        return new NftSet(family, table, name, 0, 0, keyType, keyLength, 0, 0, 0, -1, 0, List.of(), Duration.ZERO,
                Duration.ZERO, 0, null, List.of(), List.of());
    }

    /**
     * A plain set whose keys are values of {@code key}, or of a concatenation when more than one
     * type is given ({@code ipv4_addr . inet_service}): {@code NftSet.of(INET, "app", "blocked",
     * Datatype.IPV4_ADDR)}.
     *
     * @param family address family of the table
     * @param table  table name
     * @param name   set name
     * @param key    the key's datatype, or the fields of a concatenated key in order
     * @return the set, without flags or timeout
     * @throws IllegalArgumentException when a type has no fixed length (use {@link #builder} and
     *                                  {@link Builder#key(Datatype, int)})
     */
    public static NftSet of(Family family, String table, String name, Datatype... key) {
        return builder(family, table, name).key(key).build();
    }

    /**
     * A builder for a set of table {@code table}: {@code NftSet.builder(INET, "app", "blocked")
     * .key(Datatype.IPV4_ADDR).timeout(Duration.ofHours(1)).build()}.
     *
     * @param family address family of the table
     * @param table  table name
     * @param name   set name
     * @return a builder; {@link Builder#key} must be called before {@link Builder#build}
     */
    public static Builder builder(Family family, String table, String name) {
        return new Builder(family, table, name);
    }

    /**
     * The set's flags as a set; bits no {@link SetFlag} stands for are only in {@link #flags()}.
     *
     * @return a new, modifiable set of flags
     */
    public EnumSet<SetFlag> flagSet() {
        return SetFlag.of(flags);
    }

    /**
     * The datatypes of the key: one for a plain key, the fields in order for a concatenation.
     *
     * @return the types, or empty when {@link #keyType()} names a type {@link Datatype} does not know
     */
    public List<Datatype> keyDatatypes() {
        List<Datatype> parts = Datatype.parts(keyType);
        return parts == null ? List.of() : List.copyOf(parts);
    }

    /**
     * The datatype of a map's data.
     *
     * @return the type, or empty for a plain set, an object map, a verdict map ({@link #isVerdictMap()})
     *         and types {@link Datatype} does not know
     */
    public Optional<Datatype> dataDatatype() {
        if (!isMap() || dataType == NFT_DATA_VERDICT) {
            return Optional.empty();
        }
        return Optional.ofNullable(Datatype.ofId(dataType));
    }

    /**
     * Whether this is a map to verdicts ({@code NFT_DATA_VERDICT}).
     *
     * @return true for a verdict map
     */
    public boolean isVerdictMap() {
        return isMap() && dataType == NFT_DATA_VERDICT;
    }

    /**
     * The comment nft stored in the userdata.
     *
     * @return the comment, or empty
     */
    public Optional<String> comment() {
        return Optional.ofNullable(userdata == null ? null : Userdata.findString(userdata, NFTNL_UDATA_SET_COMMENT));
    }

    /**
     * The same set with other raw flags, bits no {@link SetFlag} stands for included.
     *
     * @param newFlags the {@code NFTA_SET_FLAGS} value
     * @return the changed set
     */
    public NftSet withFlags(int newFlags) {
        return new NftSet(family, table, name, handle, newFlags, keyType, keyLength, dataType, dataLength, objectType,
                policy, size, fieldLengths, timeout, gcInterval, id, userdata, expressions, unknown);
    }

    /**
     * The same set with other flags.
     *
     * @param newFlags the flags
     * @return the changed set
     */
    public NftSet withFlags(Set<SetFlag> newFlags) {
        return withFlags(SetFlag.bits(newFlags));
    }

    /**
     * This set as a map to data of raw type {@code type} and {@code length} bytes (sets
     * {@code NFT_SET_MAP}); {@link Builder#map(Datatype)} is the typed way.
     *
     * @param type   {@code NFTA_SET_DATA_TYPE}
     * @param length {@code NFTA_SET_DATA_LEN} in bytes
     * @return the changed set
     */
    public NftSet withData(int type, int length) {
        return new NftSet(family, table, name, handle, flags | NFT_SET_MAP, keyType, keyLength, type, length, objectType,
                policy, size, fieldLengths, timeout, gcInterval, id, userdata, expressions, unknown);
    }

    /**
     * The same set with another default element timeout; the flags are kept as they are.
     *
     * @param duration the timeout, zero for none
     * @return the changed set
     */
    public NftSet withTimeout(Duration duration) {
        return new NftSet(family, table, name, handle, flags, keyType, keyLength, dataType, dataLength, objectType,
                policy, size, fieldLengths, duration, gcInterval, id, userdata, expressions, unknown);
    }

    /**
     * The same set with another maximum number of elements.
     *
     * @param newSize {@code NFTA_SET_DESC_SIZE}, 0 for no limit
     * @return the changed set
     */
    public NftSet withSize(int newSize) {
        return new NftSet(family, table, name, handle, flags, keyType, keyLength, dataType, dataLength, objectType,
                policy, newSize, fieldLengths, timeout, gcInterval, id, userdata, expressions, unknown);
    }

    /**
     * The same set with other concatenation field lengths ({@code NFTA_SET_DESC_CONCAT}).
     *
     * @param lengths the fields' lengths in bytes, empty for none
     * @return the changed set
     */
    public NftSet withFieldLengths(List<Integer> lengths) {
        return new NftSet(family, table, name, handle, flags, keyType, keyLength, dataType, dataLength, objectType,
                policy, size, lengths, timeout, gcInterval, id, userdata, expressions, unknown);
    }

    /**
     * The same set with another transaction-local ID ({@code NFTA_SET_ID}).
     *
     * @param newId the ID, 0 to let {@link NftOperation.AddSet} assign one
     * @return the changed set
     */
    public NftSet withId(int newId) {
        return new NftSet(family, table, name, handle, flags, keyType, keyLength, dataType, dataLength, objectType,
                policy, size, fieldLengths, timeout, gcInterval, newId, userdata, expressions, unknown);
    }

    /**
     * The same set as an object map ({@code NFT_SET_OBJECT}) of objects of raw type {@code type};
     * {@link Builder#objectMap} is the typed way.
     *
     * @param type {@code NFT_OBJECT_*}
     * @return the changed set
     */
    public NftSet withObjectType(int type) {
        return new NftSet(family, table, name, handle, flags | NFT_SET_OBJECT, keyType, keyLength, dataType, dataLength, type,
                policy, size, fieldLengths, timeout, gcInterval, id, userdata, expressions, unknown);
    }

    /**
     * The same set with other userdata (nft's TLVs: comment, typeof, key byte order).
     *
     * @param newUserdata the TLVs, copied, or {@code null} for none
     * @return the changed set
     */
    public NftSet withUserdata(byte[] newUserdata) {
        return new NftSet(family, table, name, handle, flags, keyType, keyLength, dataType, dataLength, objectType,
                policy, size, fieldLengths, timeout, gcInterval, id, newUserdata, expressions, unknown);
    }

    /**
     * nft's userdata TLVs, verbatim.
     *
     * @return a copy, or {@code null} when the set has none
     */
    @Override
    public byte[] userdata() {
        return userdata == null ? null : userdata.clone();
    }

    /**
     * Whether this is a map (elements carry data).
     *
     * @return true when {@code NFT_SET_MAP} is set
     */
    public boolean isMap() {
        return (flags & NFT_SET_MAP) != 0;
    }

    /**
     * Whether this is an object map (elements name stateful objects, {@code NFT_SET_OBJECT}), which nft
     * calls a map too.
     *
     * @return true when {@code NFT_SET_OBJECT} is set
     */
    public boolean isObjectMap() {
        return (flags & NFT_SET_OBJECT) != 0;
    }

    /**
     * Whether this is an anonymous set, bound to the rule that uses it ({@code NFT_SET_ANONYMOUS}).
     *
     * @return true when {@code NFT_SET_ANONYMOUS} is set
     */
    public boolean isAnonymous() {
        return (flags & NFT_SET_ANONYMOUS) != 0;
    }

    /**
     * Whether this set holds intervals.
     *
     * @return true when {@code NFT_SET_INTERVAL} is set
     */
    public boolean isInterval() {
        return (flags & NFT_SET_INTERVAL) != 0;
    }

    /**
     * The set's name with its table's, as nft writes them.
     *
     * @return {@code family table name}
     */
    public String qualifiedName() {
        return family.nftName() + " " + table + " " + name;
    }

    /**
     * Writes the attributes of {@code NFT_MSG_NEWSET}.
     *
     * @param w the message being written
     */
    public void writeAttributes(MessageWriter w) {
        w.attrString(NFTA_SET_TABLE, table);
        w.attrString(NFTA_SET_NAME, name);
        w.attrU32BeUnlessZero(NFTA_SET_FLAGS, flags);
        w.attrU32Be(NFTA_SET_KEY_TYPE, keyType);
        w.attrU32Be(NFTA_SET_KEY_LEN, keyLength);
        if (isMap()) {
            w.attrU32Be(NFTA_SET_DATA_TYPE, dataType);
            w.attrU32Be(NFTA_SET_DATA_LEN, dataLength);
        }
        if ((flags & NFT_SET_OBJECT) != 0) {
            w.attrU32Be(NFTA_SET_OBJ_TYPE, objectType);
        }
        if (!timeout.isZero()) {
            w.attrU64Be(NFTA_SET_TIMEOUT, timeout.toMillis());
        }
        if (!gcInterval.isZero()) {
            w.attrU32Be(NFTA_SET_GC_INTERVAL, (int) gcInterval.toMillis());
        }
        if (policy >= 0) {
            w.attrU32Be(NFTA_SET_POLICY, policy);
        }
        if (userdata != null) {
            w.attrBytes(NFTA_SET_USERDATA, userdata);
        }
        if (size != 0 || !fieldLengths.isEmpty()) {
            int desc = w.beginNested(NFTA_SET_DESC, false);
            w.attrU32BeUnlessZero(NFTA_SET_DESC_SIZE, size);
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
        w.attrU32BeUnlessZero(NFTA_SET_ID, id);
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

    /**
     * Decodes an {@code NFT_MSG_NEWSET} message (a dump entry or an echo).
     *
     * @param message the message
     * @return the set, attributes the library does not know kept in {@link #unknown()}
     * @throws NetlinkDecodeException when the message is malformed
     */
    public static NftSet decode(NetlinkMessage message) {
        return decode(message, false);
    }

    /** Reads every attribute; a {@code reference} keeps only what names the set and may lack the key. */
    private static NftSet decode(NetlinkMessage message, boolean reference) {
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
        Duration timeout = Duration.ZERO;
        Duration gcInterval = Duration.ZERO;
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
                case NFTA_SET_TIMEOUT -> timeout = Duration.ofMillis(a.u64Be());
                case NFTA_SET_GC_INTERVAL -> gcInterval = Duration.ofMillis(Integer.toUnsignedLong(a.u32Be()));
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
        if (table == null || name == null) {
            throw new NetlinkDecodeException("set message without table or name");
        }
        ObjectNames.decoded("table", table);
        ObjectNames.decoded("set", name);
        if (reference) {
            return new NftSet(family, table, name, handle, flags, keyType == null ? 0 : keyType, keyLength == null ? 0 : keyLength,
                    0, 0, 0, -1, 0, List.of(), Duration.ZERO, Duration.ZERO, 0, null, List.of(), List.of());
        }
        if (keyType == null || keyLength == null) {
            throw new NetlinkDecodeException("set message without table, name, key type or key length");
        }
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
     *
     * @param message the message
     * @return the set as far as the message describes it
     * @throws NetlinkDecodeException when the message has no table or name
     */
    public static NftSet decodeReference(NetlinkMessage message) {
        return decode(message, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NftSet s && family == s.family && table.equals(s.table) && name.equals(s.name)
                && handle == s.handle && flags == s.flags && keyType == s.keyType && keyLength == s.keyLength
                && dataType == s.dataType && dataLength == s.dataLength && objectType == s.objectType
                && policy == s.policy && size == s.size && fieldLengths.equals(s.fieldLengths) && timeout.equals(s.timeout)
                && gcInterval.equals(s.gcInterval) && id == s.id && Arrays.equals(userdata, s.userdata)
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

    /**
     * Builds an {@link NftSet} from datatypes, flags and durations. Not thread-safe; each call
     * returns the builder.
     */
    public static final class Builder {

        /** {@code NFT_REG32_SIZE}: each field of a concatenation takes whole 32-bit words. */
        private static final int WORD = 4;
        /** The most fields a type number holds: 6 bits each in 32 bits. */
        private static final int MAX_TYPED_FIELDS = 5;

        private final Family family;
        private final String table;
        private final String name;
        private final EnumSet<SetFlag> flags = EnumSet.noneOf(SetFlag.class);
        private int keyType;
        private int keyLength;
        private List<Integer> fieldLengths = List.of();
        private int dataType;
        private int dataLength;
        private int objectType;
        private int size;
        private Duration timeout = Duration.ZERO;
        private Duration gcInterval = Duration.ZERO;
        private byte[] userdata;
        private List<Expression> expressions = List.of();

        private Builder(Family family, String table, String name) {
            this.family = Objects.requireNonNull(family, "family");
            this.table = table;
            this.name = name;
        }

        /**
         * The key: values of one datatype, or a concatenation of several ({@code ipv4_addr .
         * inet_service}; in an interval set sent with its field lengths in {@code NFTA_SET_DESC_CONCAT},
         * which the kernel refuses in other sets).
         *
         * @param parts the key's datatype, or the fields of a concatenation in order
         * @return this builder
         * @throws IllegalArgumentException when no type is given, more than 5 are, or one has no fixed
         *                                  length ({@link Datatype#INTEGER}: use {@link #key(Datatype, int)})
         */
        public Builder key(Datatype... parts) {
            if (parts.length == 0 || parts.length > MAX_TYPED_FIELDS) {
                throw new IllegalArgumentException("a key has 1 to " + MAX_TYPED_FIELDS + " datatypes, not "
                        + parts.length);
            }
            List<Integer> lengths = new ArrayList<>(parts.length);
            for (Datatype d : parts) {
                if (d.length() == 0) {
                    throw new IllegalArgumentException(d.nftName() + " has no fixed length; give it with key(type, length)");
                }
                lengths.add(d.length());
            }
            if (parts.length == 1) {
                return key(parts[0], parts[0].length());
            }
            keyType = Datatype.concatenationId(List.of(parts));
            keyLength = lengths.stream().mapToInt(l -> (l + WORD - 1) / WORD * WORD).sum();
            fieldLengths = List.copyOf(lengths);
            return this;
        }

        /**
         * A key of one datatype with an explicit length, as an {@link Datatype#INTEGER} of 4 bytes.
         *
         * @param type   the key's datatype
         * @param length the key's length in bytes, 1 to 64
         * @return this builder
         * @throws IllegalArgumentException for a length outside 1..64
         */
        public Builder key(Datatype type, int length) {
            checkLength("key", length);
            keyType = type.id();
            keyLength = length;
            fieldLengths = List.of();
            return this;
        }

        /**
         * Adds flags ({@link SetFlag#INTERVAL} for prefixes and ranges, ...).
         *
         * @param more flags to add to those already set
         * @return this builder
         */
        public Builder flags(SetFlag... more) {
            flags.addAll(List.of(more));
            return this;
        }

        /**
         * Makes the set hold prefixes and ranges ({@link SetFlag#INTERVAL}).
         *
         * @return this builder
         */
        public Builder interval() {
            return flags(SetFlag.INTERVAL);
        }

        /**
         * The timeout every element gets unless it has its own; also sets {@link SetFlag#TIMEOUT}.
         *
         * @param duration a positive duration, sent in whole milliseconds
         * @return this builder
         * @throws IllegalArgumentException for a duration under one millisecond
         */
        public Builder timeout(Duration duration) {
            timeout = positiveMillis("timeout", duration, Long.MAX_VALUE);
            flags.add(SetFlag.TIMEOUT);
            return this;
        }

        /**
         * How often the kernel collects expired elements; also sets {@link SetFlag#TIMEOUT}.
         *
         * @param duration a positive duration of at most 2^32-1 milliseconds
         * @return this builder
         * @throws IllegalArgumentException for a duration out of range
         */
        public Builder gcInterval(Duration duration) {
            gcInterval = positiveMillis("gc interval", duration, 0xffffffffL);
            flags.add(SetFlag.TIMEOUT);
            return this;
        }

        /**
         * The most elements the set may hold ({@code NFTA_SET_DESC_SIZE}).
         *
         * @param elements a positive number
         * @return this builder
         */
        public Builder size(int elements) {
            if (elements <= 0) {
                throw new IllegalArgumentException("size must be positive, not " + elements);
            }
            size = elements;
            return this;
        }

        /**
         * Makes the set a map to values of {@code data} ({@link SetFlag#MAP}).
         *
         * @param data the datatype of the values, of fixed length
         * @return this builder
         * @throws IllegalArgumentException for a type without a fixed length
         */
        public Builder map(Datatype data) {
            return map(data, data.length());
        }

        /**
         * Makes the set a map to values of {@code data} and {@code length} bytes ({@link SetFlag#MAP}).
         *
         * @param data   the datatype of the values
         * @param length their length in bytes, 1 to 64
         * @return this builder
         */
        public Builder map(Datatype data, int length) {
            checkLength("data", length);
            flags.add(SetFlag.MAP);
            dataType = data.id();
            dataLength = length;
            return this;
        }

        /**
         * Makes the set a verdict map ({@code NFT_DATA_VERDICT}, as {@code vmap}).
         *
         * @return this builder
         */
        public Builder verdictMap() {
            flags.add(SetFlag.MAP);
            dataType = NFT_DATA_VERDICT;
            dataLength = 0;
            return this;
        }

        /**
         * Makes the set a map to stateful objects of {@code type} ({@link SetFlag#OBJECT}).
         *
         * @param type the type of the objects
         * @return this builder
         */
        public Builder objectMap(ObjectType type) {
            flags.add(SetFlag.OBJECT);
            objectType = type.number();
            return this;
        }

        /**
         * A comment, stored in the userdata where nft keeps it.
         *
         * @param text the comment, at most 251 bytes of UTF-8
         * @return this builder
         */
        public Builder comment(String text) {
            userdata = Userdata.setComment(text);
            return this;
        }

        /**
         * Stateful expressions every element gets, such as a counter ({@link SetFlag#EXPR} is not
         * needed for them).
         *
         * @param perElement the expressions
         * @return this builder
         */
        public Builder expressions(List<Expression> perElement) {
            expressions = List.copyOf(perElement);
            return this;
        }

        /**
         * The set. A concatenated key in an interval set gets {@link SetFlag#CONCAT} and its field lengths,
         * as nft gives them.
         *
         * @return the set, with handle and ID 0 (an {@link NftOperation.AddSet} assigns the ID)
         * @throws IllegalStateException when no key was given
         */
        public NftSet build() {
            if (keyLength == 0) {
                throw new IllegalStateException("set " + name + " has no key; call key(...)");
            }
            EnumSet<SetFlag> all = EnumSet.copyOf(flags);
            boolean concatRanges = !fieldLengths.isEmpty() && all.contains(SetFlag.INTERVAL);
            if (concatRanges) {
                all.add(SetFlag.CONCAT);
            }
            return new NftSet(family, table, name, 0, SetFlag.bits(all), keyType, keyLength, dataType, dataLength,
                    objectType, -1, size, concatRanges ? fieldLengths : List.of(), timeout, gcInterval, 0, userdata,
                    expressions, List.of());
        }

        private static void checkLength(String what, int length) {
            if (length < 1 || length > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException(what + " length " + length + " is not in 1.." + MAX_VALUE_LENGTH);
            }
        }

        private static Duration positiveMillis(String what, Duration d, long maxMillis) {
            long millis = d.toMillis();
            if (d.isNegative() || millis < 1 || Long.compareUnsigned(millis, maxMillis) > 0) {
                throw new IllegalArgumentException(what + " " + d + " is not in 1 ms.." + maxMillis + " ms");
            }
            return Duration.ofMillis(millis);
        }
    }
}
