package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.NfTables;
import nftlink.nftables.NftSet;
import nftlink.nftables.expr.Expression;

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

    public SetDeclaration {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        statements = List.copyOf(statements);
        for (Statement s : statements) {
            if (!StatefulStatements.isStateful(s)) {
                throw new IllegalArgumentException("unsupported: " + s + " in a set declaration");
            }
        }
    }

    /** Whether this declares a map (of data, verdicts or objects). */
    public boolean isMap() {
        return data != null;
    }

    /** Whether the elements are intervals. */
    public boolean isInterval() {
        return (flags & NfTables.NFT_SET_INTERVAL) != 0;
    }

    /** The flags the kernel gets: the declared ones, the map or object flag, concat for ranges of concatenations. */
    public int kernelFlags() {
        int f = flags;
        if (timeout != 0) {
            f |= NfTables.NFT_SET_TIMEOUT;
        }
        if (data instanceof SetData.Objects) {
            f |= NfTables.NFT_SET_OBJECT;
        } else if (data != null) {
            f |= NfTables.NFT_SET_MAP;
        }
        if (key.concatenated() && isInterval()) {
            f |= NfTables.NFT_SET_CONCAT;
        }
        return f;
    }

    /**
     * The kernel's set.
     *
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
                objectType, policy, size, fieldLengths, timeout, gcInterval, 0, userdata().encode(), expressions, List.of());
    }

    /** The userdata nft writes for this declaration. */
    public SetUserdata userdata() {
        boolean dataMap = data instanceof SetData.Verdicts || data instanceof SetData.Values;
        int dataOrder = switch (data) {
            case SetData.Values v -> v.value().byteOrder();
            case SetData.Verdicts v -> SetUserdata.INVALID;
            case null, default -> SetUserdata.ABSENT;
        };
        if (key.typeof() == null) {
            return new SetUserdata(key.byteOrder(), dataMap ? dataOrder : SetUserdata.ABSENT, autoMerge, null, null,
                    SetUserdata.ABSENT, comment);
        }
        byte[] dataTypeof = switch (data) {
            case SetData.Verdicts v -> SetTypeof.verdictDescription();
            case SetData.Values v when v.value().typeof() != null -> SetTypeof.describe(v.value().typeof());
            case null, default -> null;
        };
        return new SetUserdata(key.byteOrder(), dataMap ? dataOrder : SetUserdata.ABSENT, autoMerge,
                SetTypeof.describe(key.typeof()), dataTypeof, dataMap ? 0 : SetUserdata.ABSENT, comment);
    }
}
