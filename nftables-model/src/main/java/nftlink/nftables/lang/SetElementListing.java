package nftlink.nftables.lang;

import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Verdict;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The elements of a set or map as nft 1.1.3 lists them: hash sets sorted as nft sorts them,
 * interval sets decomposed into values, prefixes and ranges in key order (a host-order key is
 * kept as a big-endian number there), ranges of concatenations in the kernel's order, the
 * catch-all element last.
 */
public final class SetElementListing {
    private SetElementListing() {
    }

    /**
     * The elements of {@code set}, described by {@code declaration}, as nft lists them; {@code null} when
     * some element does not fit the declaration (a key or data of another length).
     *
     * @param declaration how the set was declared
     * @param set the set
     * @param elements its elements, as the kernel lists them
     * @return the elements as nft lists them, or {@code null}
     */
    public static List<ListedElement> list(SetDeclaration declaration, NftSet set, List<SetElement> elements) {
        SetKey key = declaration.key();
        if (!elements.stream().allMatch(e -> fits(declaration, e))) {
            return null;
        }
        List<ListedElement> out = new ArrayList<>();
        List<SetElement> catchAll = elements.stream().filter(e -> (e.flags() & NfTablesUapi.NFT_SET_ELEM_CATCHALL) != 0).toList();
        List<SetElement> keyed = elements.stream().filter(e -> (e.flags() & NfTablesUapi.NFT_SET_ELEM_CATCHALL) == 0).toList();
        if (declaration.isInterval() && key.concatenated()) {
            for (SetElement e : keyed) {
                out.add(listed(declaration, e, concatRange(key, e)));
            }
        } else if (declaration.isInterval()) {
            out.addAll(decompose(declaration, keyed));
        } else {
            List<SetElement> sorted = new ArrayList<>(keyed);
            sorted.sort(Comparator.comparing(e -> sortValue(set, key, e.key())));
            for (SetElement e : sorted) {
                out.add(listed(declaration, e, parts(key, e.key(), false).stream().map(b -> (Value) new Value.Single(b)).toList()));
            }
        }
        for (SetElement e : catchAll) {
            out.add(listed(declaration, e, null));
        }
        return out;
    }

    /**
     * A bitmask value's flags, lowest first, each a value of the type ({@code fin | ack} is nft's listing
     * of an element with both flags); one value as it is when it has no more than one flag.
     *
     * @param type a bitmask datatype
     * @param value the value
     * @return the flags, lowest first
     */
    public static List<Bytes> flags(Datatype type, Bytes value) {
        if (!type.isBitmask()) {
            return List.of(value);
        }
        boolean host = type.hostOrder();
        BigInteger v = new BigInteger(1, (host ? value.reversed() : value).toArray());
        if (v.bitCount() <= 1) {
            return List.of(value);
        }
        List<Bytes> out = new ArrayList<>();
        for (int bit = v.getLowestSetBit(); bit >= 0 && bit < v.bitLength(); bit = v.clearBit(bit).getLowestSetBit()) {
            Bytes one = Intervals.bytes(BigInteger.ONE.shiftLeft(bit), value.length());
            out.add(host ? one.reversed() : one);
            v = v.clearBit(bit);
            if (v.signum() == 0) {
                break;
            }
        }
        return out;
    }

    private static boolean fits(SetDeclaration declaration, SetElement e) {
        int length = declaration.key().length();
        boolean catchAll = (e.flags() & NfTablesUapi.NFT_SET_ELEM_CATCHALL) != 0;
        if (!catchAll && (e.key().length() != length || e.keyEnd() != null && e.keyEnd().length() != length)) {
            return false;
        }
        return !(e.data() instanceof NftData.Value v) || declaration.data() instanceof SetData.Values values
                && v.bytes().length() == values.length();
    }

    /** The key's parts, each without its padding; an interval set's host-order integers turned back to host order. */
    static List<Bytes> parts(SetKey key, Bytes bytes, boolean interval) {
        List<Bytes> out = new ArrayList<>();
        byte[] raw = bytes.toArray();
        int at = 0;
        for (int i = 0; i < key.types().size(); i++) {
            int length = key.lengths().get(i);
            Bytes part = Bytes.of(Arrays.copyOfRange(raw, Math.min(at, raw.length), Math.min(at + length, raw.length)));
            out.add(interval && storedBigEndian(key.types().get(i)) ? part.reversed() : part);
            at += key.concatenated() ? (length + 3) & ~3 : length;
        }
        return out;
    }

    /**
     * Whether interval sets keep values of {@code type} as big-endian numbers although the type's
     * values are in host order (integers such as marks and uids, not strings), as nft writes them.
     *
     * @param type the datatype
     * @return whether values are stored big-endian
     */
    public static boolean storedBigEndian(Datatype type) {
        return type.hostOrder() && type != Datatype.IFNAME && type != Datatype.STRING;
    }

    /** Reverses the {@code length} bytes of {@code raw} from {@code at}: one part of a key turned to the other byte order. */
    static void reversePart(byte[] raw, int at, int length) {
        for (int a = at, b = at + length - 1; a < b; a++, b--) {
            byte t = raw[a];
            raw[a] = raw[b];
            raw[b] = t;
        }
    }

    /**
     * nft's sort value of a hash set's key: one key as the number nft holds (its bytes read in the
     * key's byte order; a bitmask by its lowest flag), a concatenation as its parts' bytes read as
     * one little-endian number.
     */
    private static BigInteger sortValue(NftSet set, SetKey key, Bytes bytes) {
        List<Bytes> parts = parts(key, bytes, false);
        if (key.concatenated()) {
            byte[] all = new byte[parts.stream().mapToInt(Bytes::length).sum()];
            int at = 0;
            for (Bytes p : parts) {
                System.arraycopy(p.toArray(), 0, all, at, p.length());
                at += p.length();
            }
            return new BigInteger(1, Bytes.of(all).reversed().toArray());
        }
        Datatype type = key.types().getFirst();
        int order = SetUserdata.decode(set.userdata()).keyByteOrder();
        boolean host = order == SetUserdata.ABSENT ? type.hostOrder() : order == SetUserdata.HOST;
        BigInteger v = new BigInteger(1, (host ? bytes.reversed() : bytes).toArray());
        return type.isBitmask() && v.signum() != 0 ? BigInteger.ONE.shiftLeft(v.getLowestSetBit()) : v;
    }

    private static List<Value> concatRange(SetKey key, SetElement e) {
        List<Bytes> low = parts(key, e.key(), true);
        List<Bytes> high = e.keyEnd() == null ? low : parts(key, e.keyEnd(), true);
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < low.size(); i++) {
            out.add(bound(key.types().get(i), low.get(i), high.get(i)));
        }
        return out;
    }

    /** One part of a range of concatenations: a value, an address prefix, an interface-name wildcard or a range. */
    private static Value bound(Datatype type, Bytes low, Bytes high) {
        if (low.equals(high)) {
            return new Value.Single(low);
        }
        boolean address = type == Datatype.IPV4_ADDR || type == Datatype.IPV6_ADDR;
        int prefix = RuleRenderer.prefixLength(low, high);
        if (address && prefix >= 0) {
            return new Value.Prefix(low, prefix);
        }
        Bytes wildcard = type == Datatype.IFNAME || type == Datatype.STRING ? wildcard(low, high) : null;
        return wildcard != null ? new Value.Single(wildcard) : new Value.Range(low, high);
    }

    /**
     * The name a range of names stands for when it is all names that start with some characters,
     * {@code "eth*"}: the bytes {@code eth} without a NUL (as {@link Datatype#print} takes a wildcard),
     * else {@code null}.
     */
    static Bytes wildcard(Bytes low, Bytes high) {
        int prefix = RuleRenderer.prefixLength(low, high);
        if (prefix <= 0 || prefix % 8 != 0 || prefix / 8 >= low.length()) {
            return null;
        }
        byte[] l = low.toArray();
        int n = prefix / 8;
        for (int i = 0; i < n; i++) {
            if (l[i] == 0) {
                return null;
            }
        }
        return Bytes.of(Arrays.copyOf(l, n));
    }

    /** nft's interval decomposition: each start element and the end after it as one item, in key order. */
    private static List<ListedElement> decompose(SetDeclaration declaration, List<SetElement> elements) {
        SetKey key = declaration.key();
        int length = key.length();
        List<SetElement> sorted = new ArrayList<>(elements);
        sorted.sort(Comparator.<SetElement, BigInteger>comparing(e -> number(e.key()))
                .thenComparing(e -> (e.flags() & NfTablesUapi.NFT_SET_ELEM_INTERVAL_END) == 0));
        List<ListedElement> out = new ArrayList<>();
        SetElement low = null;
        for (SetElement e : sorted) {
            boolean end = (e.flags() & NfTablesUapi.NFT_SET_ELEM_INTERVAL_END) != 0;
            if (low != null) {
                out.add(interval(declaration, low, number(low.key()), number(e.key()).subtract(BigInteger.ONE)));
                low = null;
            }
            if (!end) {
                low = e;
            }
        }
        if (low != null) {
            BigInteger max = BigInteger.ONE.shiftLeft(8 * length).subtract(BigInteger.ONE);
            out.add(interval(declaration, low, number(low.key()), max));
        }
        return out;
    }

    private static ListedElement interval(SetDeclaration declaration, SetElement start, BigInteger low, BigInteger high) {
        Datatype type = declaration.key().types().getFirst();
        int length = declaration.key().length();
        Bytes lo = Intervals.bytes(low, length);
        Bytes hi = Intervals.bytes(high, length);
        boolean swap = storedBigEndian(type);
        Value v;
        BigInteger range = high.subtract(low);
        boolean prefix = range.add(BigInteger.ONE).bitCount() == 1 && low.and(range).signum() == 0;
        if (range.signum() == 0) {
            v = new Value.Single(swap ? lo.reversed() : lo);
        } else if (prefix && (type == Datatype.IPV4_ADDR || type == Datatype.IPV6_ADDR)) {
            v = new Value.Prefix(lo, 8 * length - range.bitLength());
        } else if (prefix && (type == Datatype.IFNAME || type == Datatype.STRING) && wildcard(lo, hi) != null) {
            v = new Value.Single(wildcard(lo, hi));
        } else {
            v = new Value.Range(swap ? lo.reversed() : lo, swap ? hi.reversed() : hi);
        }
        return listed(declaration, start, List.of(v));
    }

    private static ListedElement listed(SetDeclaration declaration, SetElement e, List<Value> key) {
        List<Statement> statements = new ArrayList<>();
        for (Expression x : e.expressions()) {
            Statement s = StatefulStatements.statement(x);
            if (s != null) {
                statements.add(s);
            }
        }
        Verdict verdict = e.data() instanceof NftData.OfVerdict v ? v.verdict() : null;
        List<Value> data = null;
        if (e.data() instanceof NftData.Value v && declaration.data() instanceof SetData.Values values) {
            List<Datatype> types = values.value().types();
            if (values.interval()) {
                data = MapLookupField.rangeParts(types, v.bytes());
            } else if (values.value().concatenated()) {
                data = MapLookupField.partValues(types, v.bytes(), 0).stream().map(b -> (Value) new Value.Single(b)).toList();
            } else {
                data = List.of(new Value.Single(v.bytes()));
            }
        }
        return new ListedElement(key, statements, e.timeout().toMillis(), e.expiration().toMillis(), e.comment().orElse(null), verdict, data, e.objectRef());
    }

    private static BigInteger number(Bytes b) {
        return new BigInteger(1, b.toArray());
    }
}
