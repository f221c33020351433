package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftSet;
import nftlink.nftables.expr.Expression;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named set or map as a declaration gives it, in nft text ({@code set s { type ipv4_addr; flags
 * interval; auto-merge; counter; }}) or in JSON: the one compiler both front ends use to make the
 * kernel's set, with the userdata nft writes for it.
 *
 * @param family     address family of its table
 * @param table      table name
 * @param name       set name
 * @param key        the key's datatypes or typeof expression
 * @param data       what a map maps to, or {@code null} for a set
 * @param flags      the declared {@code NFT_SET_*} flags (constant, interval, timeout, dynamic); the map,
 *                   object and concat flags follow from key and data
 * @param timeout    the default element timeout in milliseconds, or 0
 * @param gcInterval the garbage collection interval in milliseconds, or 0
 * @param size       the maximum number of elements, or 0
 * @param policy     {@code NFT_SET_POL_*}, or -1 when not given
 * @param autoMerge  whether overlapping and adjacent intervals are merged ({@code auto-merge})
 * @param comment    the comment, or {@code null}
 * @param statements the stateful statements every element gets ({@code counter}, {@code limit ...}, ...)
 */
public record SetDeclaration(Family family, String table, String name, SetKey key, SetData data, int flags, long timeout,
                             int gcInterval, int size, int policy, boolean autoMerge, String comment,
                             List<Statement> statements) {

    /** Checks the components: family, table, name and key must not be null; copies the lists. */
    public SetDeclaration {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        statements = List.copyOf(statements);
        if (autoMerge && (flags & NfTablesUapi.NFT_SET_INTERVAL) == 0) {
            throw new IllegalArgumentException("auto-merge only works with interval sets");
        }
        for (Statement s : statements) {
            if (!StatefulStatements.isStateful(s)) {
                throw new IllegalArgumentException("unsupported: " + s + " in a set declaration");
            }
        }
    }

    /**
     * A kernel's set as nft describes it when listing: the {@code typeof} expressions of its
     * userdata where they fit the key and data (else the datatypes), the auto-merge flag, the
     * comment and the stateful statements; {@code null} when a datatype is one nftlink does not know.
     *
     * @param set the set as the kernel lists it
     * @return the declaration
     */
    public static SetDeclaration of(NftSet set) {
        SetUserdata u = SetUserdata.decode(set.userdata());
        SetKey key = typeofKey(u.keyTypeof(), set.keyLength());
        if (key == null) {
            key = datatypeKey(set.keyType(), set.keyLength(), set.fieldLengths());
        }
        SetData data = null;
        if ((set.flags() & NfTablesUapi.NFT_SET_OBJECT) != 0) {
            data = new SetData.Objects(set.objectType());
        } else if (set.isMap() && set.dataType() == SetData.Verdicts.TYPE) {
            data = new SetData.Verdicts(key != null && key.typeof() != null && SetTypeof.isVerdict(u.dataTypeof()));
        } else if (set.isMap()) {
            boolean interval = u.dataInterval() == 1;
            int valueLength = interval ? set.dataLength() / 2 : set.dataLength();
            SetKey value = typeofKey(u.dataTypeof(), valueLength);
            if (value == null) {
                value = datatypeKey(set.dataType(), valueLength, List.of());
                // nft uses typeof for both or for neither
                key = key == null || key.typeof() == null ? key : datatypeKey(set.keyType(), set.keyLength(), set.fieldLengths());
            }
            data = value == null ? null : new SetData.Values(value, interval);
            if (data == null) {
                return null;
            }
        }
        if (key == null) {
            return null;
        }
        List<Statement> statements = new ArrayList<>();
        for (Expression e : set.expressions()) {
            Statement s = StatefulStatements.statement(e);
            if (s == null) {
                return null;
            }
            statements.add(s);
        }
        int declared = set.flags() & (NfTablesUapi.NFT_SET_CONSTANT | NfTablesUapi.NFT_SET_INTERVAL | NfTablesUapi.NFT_SET_TIMEOUT
                | NfTablesUapi.NFT_SET_EVAL);
        SetKey k = key;
        SetData d = data;
        try {
            return new SetDeclaration(set.family(), set.table(), set.name(), k, d, declared, set.timeout().toMillis(), (int) set.gcInterval().toMillis(),
                    set.size(), set.policy(), u.autoMerge(), u.comment(), statements);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The key a typeof description gives when it fits {@code length} bytes, as nft checks it; else {@code null}. */
    private static SetKey typeofKey(byte[] description, int length) {
        Field f = SetTypeof.field(description);
        if (f == null) {
            return null;
        }
        try {
            SetKey key = SetKey.typeof(f);
            return key.length() == length ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The key of kernel type number {@code type}, or {@code null} when a part's datatype is unknown. */
    private static SetKey datatypeKey(int type, int length, List<Integer> fieldLengths) {
        List<Datatype> types = Datatype.parts(type);
        if (types == null) {
            return null;
        }
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            lengths.add(types.size() == 1 ? length : i < fieldLengths.size() ? fieldLengths.get(i) : types.get(i).length());
        }
        try {
            return SetKey.of(types, lengths);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether this declares a map (of data, verdicts or objects).
     *
     * @return whether this is a map
     */
    public boolean isMap() {
        return data != null;
    }

    /**
     * Whether the elements are intervals.
     *
     * @return whether this is an interval set
     */
    public boolean isInterval() {
        return (flags & NfTablesUapi.NFT_SET_INTERVAL) != 0;
    }

    /**
     * The flags the kernel gets: the declared ones, the map or object flag, concat for ranges of
     * concatenations.
     *
     * @return the {@code NFT_SET_*} flags
     */
    public int kernelFlags() {
        int f = flags;
        if (timeout != 0) {
            f |= NfTablesUapi.NFT_SET_TIMEOUT;
        }
        if (data instanceof SetData.Objects) {
            f |= NfTablesUapi.NFT_SET_OBJECT;
        } else if (data != null) {
            f |= NfTablesUapi.NFT_SET_MAP;
        }
        if (key.concatenated() && isInterval()) {
            f |= NfTablesUapi.NFT_SET_CONCAT;
        }
        if (statements.size() > 1) {
            // the kernel takes a list of expressions only with this flag
            f |= NfTablesUapi.NFT_SET_EXPR;
        }
        return f;
    }

    /**
     * The kernel's set.
     *
     * @return the set
     * @throws IllegalArgumentException when the declaration does not make a valid set
     */
    public NftSet set() {
        int dataType = 0;
        int dataLength = 0;
        int objectType = 0;
        switch (data) {
            case SetData.Verdicts v -> dataType = SetData.Verdicts.TYPE;
            case SetData.Values v -> {
                dataType = v.typeId();
                dataLength = v.length();
            }
            case SetData.Objects o -> objectType = o.type();
            case null -> { }
        }
        // the kernel takes field lengths only for concatenated ranges (flag concat)
        List<Integer> fieldLengths = key.concatenated() && isInterval() ? key.lengths() : List.of();
        List<Expression> expressions = new ArrayList<>();
        for (Statement s : statements) {
            expressions.add(StatefulStatements.expression(s));
        }
        return new NftSet(family, table, name, 0, kernelFlags(), key.typeId(), key.length(), dataType, dataLength,
                objectType, policy, size, fieldLengths, Duration.ofMillis(timeout),
                Duration.ofMillis(Integer.toUnsignedLong(gcInterval)), 0, userdata().encode(), expressions, List.of());
    }

    /**
     * The userdata nft 1.1.3 writes for this declaration: the key's byte order, for data maps the
     * data's, the auto-merge flag (never for ranges of concatenations), the typeof descriptions of
     * key and data (a plain value for a key or data given by datatype), whether data are intervals,
     * the comment.
     *
     * @return the userdata
     */
    public SetUserdata userdata() {
        int dataOrder = switch (data) {
            case SetData.Values v -> v.value().byteOrder();
            case SetData.Verdicts v -> SetUserdata.INVALID;
            case null, default -> SetUserdata.ABSENT;
        };
        byte[] keyTypeof = description(key);
        byte[] dataTypeof = switch (data) {
            case SetData.Verdicts v when v.typeof() -> SetTypeof.verdictDescription();
            case SetData.Values v -> description(v.value());
            case null -> null;
            default -> SetTypeof.valueDescription();
        };
        int dataInterval = data == null ? SetUserdata.ABSENT : data instanceof SetData.Values v && v.interval() ? 1 : 0;
        boolean merge = autoMerge && !(key.concatenated() && isInterval());
        return new SetUserdata(key.byteOrder(), dataOrder, merge, keyTypeof, dataTypeof, dataInterval, comment);
    }

    /** nft's description of a key or data: its typeof expression's, else that of values (of a concatenation). */
    private static byte[] description(SetKey key) {
        byte[] typeof = key.typeof() == null ? null : SetTypeof.describe(key.typeof());
        if (typeof != null) {
            return typeof;
        }
        return key.concatenated() ? SetTypeof.valueConcatenationDescription() : SetTypeof.valueDescription();
    }
}
