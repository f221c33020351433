package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A value looked up in a map by a key from the packet: {@code ip saddr map { 10.0.0.1 :
 * 0x1, 10.0.0.2 : 0x2 }} or {@code tcp dport map @ports}, as in {@code meta mark set
 * ip saddr map { ... }}. The lookup writes the element's data into the register.
 *
 * @param key      what is looked up
 * @param dataType the datatype of the data
 * @param dataLength bytes of the data
 * @param entries  the entries of an anonymous map (empty for a named one)
 * @param named    the name of a named map, or {@code null}
 */
public record MapLookupField(Field key, Datatype dataType, int dataLength, List<Entry> entries, String named) implements Field {

    /** One {@code KEY : DATA} entry; an empty key is the catch-all {@code *}. */
    public record Entry(Bytes key, Bytes data) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(data, "data");
        }

        /** The catch-all entry {@code * : DATA}. */
        public static Entry catchAll(Bytes data) {
            return new Entry(Bytes.empty(), data);
        }

        /** Whether this is the catch-all {@code * : DATA}. */
        public boolean isCatchAll() {
            return key.length() == 0;
        }
    }

    public MapLookupField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dataType, "dataType");
        entries = List.copyOf(entries);
        if (entries.isEmpty() == (named == null)) {
            throw new IllegalArgumentException("a map is either anonymous with entries or named");
        }
        for (Entry e : entries) {
            if (!e.isCatchAll() && e.key().length() != key.length() || e.data().length() != dataLength) {
                throw new IllegalArgumentException("map entries hold " + key.length() + "-byte keys and " + dataLength
                        + "-byte data");
            }
        }
    }

    @Override
    public Datatype datatype() {
        return dataType;
    }

    @Override
    public int length() {
        return dataLength;
    }

    /** The key's loads and the lookup of {@code set} (name and transaction ID) into {@code register}. */
    List<Expression> loads(int register, String set, int setId) {
        // a named map's elements hold a bit field's value, which nft loads so
        List<Expression> out = new ArrayList<>(named != null && BitValue.applies(key) ? BitValue.loads(key, register)
                : key.loads(register));
        out.add(new Lookup(set, setId, register, register, null));
        return out;
    }

    /** The lookup, which writes the data into {@code register} after the key's loads. */
    @Override
    public Expression load(int register) {
        return loads(register).getLast();
    }

    /**
     * The key's loads and the lookup of a named map. An anonymous map is made with the
     * rule that uses it, so only the {@link Linearizer} (which names it) linearizes those.
     *
     * @throws IllegalStateException for an anonymous map
     */
    @Override
    public List<Expression> loads(int register) {
        if (named == null) {
            throw new IllegalStateException("an anonymous map gets its name when the rule using it is linearized");
        }
        return loads(register, named, 0);
    }

    @Override
    public List<Match> dependencies(Family family) {
        return key.dependencies(family);
    }

    /** {@code KEY map { K : D, ... }} or {@code KEY map @NAME}. */
    @Override
    public String text() {
        if (named != null) {
            return key.text() + " map @" + named;
        }
        RuleRenderer r = RuleRenderer.DEFAULT;
        StringJoiner j = new StringJoiner(", ", "{ ", " }");
        for (Entry e : entries) {
            j.add((e.isCatchAll() ? "*" : r.renderValue(key, new Value.Single(e.key()))) + " : " + dataType.print(e.data()));
        }
        return key.text() + " map " + j;
    }
}
