package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Lookup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A value looked up in a map by a key from the packet: {@code ip saddr map { 10.0.0.1 :
 * 0x1, 10.0.0.2 : 0x2 }} or {@code tcp dport map @ports}, as in {@code meta mark set
 * ip saddr map { ... }}. The lookup writes the element's data into the register.
 *
 * @param key      what is looked up
 * <p>The data may be a concatenation, {@code dnat ip to tcp dport map { 80 : 10.0.0.1 . 8080 }}: then
 * {@code dataParts} names its types, each part padded to 4 bytes as in a register, and {@code dataType}
 * is the first part's.
 *
 * @param dataType the datatype of the data (of its first part when concatenated)
 * @param dataLength bytes of the data
 * @param entries  the entries of an anonymous map (empty for a named one)
 * @param named    the name of a named map, or {@code null}
 * @param dataParts the types of a concatenated data value, or empty
 * @param dataRanges whether each data value is a range (of each part): the lows of the parts, then the
 *                   highs, as nat takes {@code snat ip to ip saddr map { 10.0.0.1 : 192.168.2.2-192.168.2.4 }}
 */
public record MapLookupField(Field key, Datatype dataType, int dataLength, List<Entry> entries, String named,
                             List<Datatype> dataParts, boolean dataRanges) implements Field {

    /**
     * One {@code KEY : DATA} entry; an empty key is the catch-all {@code *}; with a {@code keyEnd},
     * the range {@code KEY-KEY_END : DATA} (a prefix is the range it covers).
     *
     * @param key    the key, or the low end of a range (as the key field's register holds it)
     * @param data   the data
     * @param keyEnd the high end of a range (inclusive), or {@code null}
     */
    public record Entry(Bytes key, Bytes data, Bytes keyEnd) {
        /** Checks the components: key and data not null; a range's end as long as its start. */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(data, "data");
            if (keyEnd != null && keyEnd.length() != key.length()) {
                throw new IllegalArgumentException("a range's ends have the same length");
            }
        }

        /**
         * {@code KEY : DATA}.
         *
         * @param key the key's bytes
         * @param data the data's bytes
         */
        public Entry(Bytes key, Bytes data) {
            this(key, data, null);
        }

        /**
         * {@code LOW-HIGH : DATA}.
         *
         * @param low the range's first key
         * @param high the range's last key (same length as {@code low})
         * @param data the data's bytes
         * @return the entry
         */
        public static Entry range(Bytes low, Bytes high, Bytes data) {
            return new Entry(low, data, high);
        }

        /**
         * The catch-all entry {@code * : DATA}.
         *
         * @param data the data's bytes
         * @return the entry
         */
        public static Entry catchAll(Bytes data) {
            return new Entry(Bytes.empty(), data);
        }

        /**
         * Whether this is the catch-all {@code * : DATA}.
         *
         * @return whether the key is {@code *}
         */
        public boolean isCatchAll() {
            return key.length() == 0;
        }
    }

    /** Checks the components: key and data type not null; copies the entry and part lists. */
    public MapLookupField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dataType, "dataType");
        entries = List.copyOf(entries);
        dataParts = List.copyOf(dataParts);
        if (dataParts.size() == 1) {
            throw new IllegalArgumentException("concatenated data has at least two parts");
        }
        int oneValue = dataParts.isEmpty() ? (dataRanges ? (dataType.length() + 3) & ~3 : dataLength) : concatLength(dataParts);
        if (!dataParts.isEmpty() && dataParts.getFirst() != dataType || (dataRanges ? 2 : 1) * oneValue != dataLength) {
            throw new IllegalArgumentException("data " + (dataParts.isEmpty() ? List.of(dataType) : dataParts)
                    + (dataRanges ? " ranges are " + 2 * oneValue : " is " + oneValue) + " bytes, not " + dataLength);
        }
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

    /**
     * A map to single values of {@code dataType}.
     *
     * @param key what the lookup key is made of
     * @param dataType the data's datatype
     * @param dataLength the data's length in bytes
     * @param entries the anonymous map's entries (empty for a named map)
     * @param named the named map's name, or {@code null} for an anonymous map
     */
    public MapLookupField(Field key, Datatype dataType, int dataLength, List<Entry> entries, String named) {
        this(key, dataType, dataLength, entries, named, List.of(), false);
    }

    /**
     * A map to concatenated values of {@code parts}, e.g. {@code ipv4_addr . inet_service}.
     *
     * @param key what the lookup key is made of
     * @param parts the datatypes of the data's parts, in order
     * @param entries the anonymous map's entries (empty for a named map)
     * @param named the named map's name, or {@code null} for an anonymous map
     * @return the lookup
     */
    public static MapLookupField concatenated(Field key, List<Datatype> parts, List<Entry> entries, String named) {
        return new MapLookupField(key, parts.getFirst(), concatLength(parts), entries, named, parts, false);
    }

    /**
     * A map to ranges of {@code parts} (one type, or a concatenation such as {@code ipv4_addr .
     * inet_service}): each data value holds the lows of the parts, then the highs, each padded to 4 bytes.
     *
     * @param key what the lookup key is made of
     * @param parts the datatypes of the data's parts, in order
     * @param entries the anonymous map's entries (empty for a named map)
     * @param named the named map's name, or {@code null} for an anonymous map
     * @return the lookup
     */
    public static MapLookupField ranges(Field key, List<Datatype> parts, List<Entry> entries, String named) {
        return new MapLookupField(key, parts.getFirst(), 2 * concatLength(parts), entries, named,
                parts.size() == 1 ? List.of() : parts, true);
    }

    /**
     * The types of the data's parts: the data type alone, or the concatenation's.
     *
     * @return the datatypes of the data's parts, in order; never empty
     */
    public List<Datatype> partTypes() {
        return dataParts.isEmpty() ? List.of(dataType) : dataParts;
    }

    /**
     * A range value of {@code parts} from their lows and highs (each padded to 4 bytes).
     *
     * @param lows the lows of the parts, in order
     * @param highs the highs of the parts, in the same order
     * @return the range's data bytes
     */
    public static Bytes rangeData(List<Bytes> lows, List<Bytes> highs) {
        List<Bytes> all = new ArrayList<>(lows);
        all.addAll(highs);
        return concatData(all);
    }

    /**
     * Concatenated data from its parts' values, each padded to 4 bytes.
     *
     * @param values the parts' values, in order
     * @return the concatenated bytes
     */
    public static Bytes concatData(List<Bytes> values) {
        int length = values.stream().mapToInt(v -> (v.length() + 3) & ~3).sum();
        byte[] out = new byte[length];
        int offset = 0;
        for (Bytes v : values) {
            System.arraycopy(v.toArray(), 0, out, offset, v.length());
            offset += (v.length() + 3) & ~3;
        }
        return Bytes.of(out);
    }

    /**
     * Bytes of a concatenation of {@code parts}, each padded to 4.
     *
     * @param parts the datatypes, in order
     * @return the length in bytes
     */
    public static int concatLength(List<Datatype> parts) {
        return parts.stream().mapToInt(d -> (d.length() + 3) & ~3).sum();
    }

    /**
     * The set data type ID of the data: a concatenation's is its parts' IDs, 6 bits each.
     *
     * @return the data type ID as the set's {@code NFTA_SET_DATA_TYPE} carries it
     */
    public int dataTypeId() {
        return Datatype.concatenationId(partTypes());
    }

    /**
     * One data value as nft prints it, {@code 10.0.0.1 . 8080} for concatenated data.
     *
     * @param data the data's bytes
     * @return the value as nft prints it
     */
    public String dataText(Bytes data) {
        if (dataRanges) {
            return rangeText(partTypes(), data);
        }
        return dataParts.isEmpty() ? dataType.print(data) : concatText(dataParts, data);
    }

    /**
     * Ranges of {@code parts} as nft prints them: {@code 10.141.10.0/24 . 8888-8999}, one value where
     * low is high.
     *
     * @param parts the datatypes of the range's parts, in order
     * @param data the range's bytes: the lows of the parts, then their highs
     * @return the ranges as nft prints them
     */
    public static String rangeText(List<Datatype> parts, Bytes data) {
        StringJoiner j = new StringJoiner(" . ");
        List<Value> values = rangeParts(parts, data);
        for (int i = 0; i < parts.size(); i++) {
            Datatype d = parts.get(i);
            j.add(switch (values.get(i)) {
                case Value.Prefix p -> d.print(p.address()) + "/" + p.bits();
                case Value.Range r -> d.print(r.low()) + "-" + d.print(r.high());
                case Value.Single v -> d.print(v.bytes());
                default -> throw new IllegalStateException("not a range part: " + values.get(i));
            });
        }
        return j.toString();
    }

    /**
     * The parts of a range value of {@code parts} (their lows, then their highs): each one value, an
     * address prefix or a range. nft lists a lone address among address ranges (not in a
     * concatenation) as a full-length prefix.
     *
     * @param parts the datatypes of the range's parts, in order
     * @param data the range's bytes: the lows of the parts, then their highs
     * @return one value per part, in order
     */
    public static List<Value> rangeParts(List<Datatype> parts, Bytes data) {
        List<Bytes> lows = partValues(parts, data, 0);
        List<Bytes> highs = partValues(parts, data, data.length() / 2);
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Datatype d = parts.get(i);
            Bytes low = lows.get(i);
            Bytes high = highs.get(i);
            boolean address = d == Datatype.IPV4_ADDR || d == Datatype.IPV6_ADDR;
            int prefix = address ? RuleRenderer.prefixLength(low, high) : -1;
            out.add(low.equals(high) && !(address && parts.size() == 1) ? new Value.Single(low)
                    : prefix >= 0 ? new Value.Prefix(low, prefix) : new Value.Range(low, high));
        }
        return out;
    }

    /**
     * A concatenated value of {@code parts} (each padded to 4 bytes) as nft prints it: {@code 10.0.0.1
     * . 8080}.
     *
     * @param parts the datatypes of the concatenation's parts, in order
     * @param data the concatenated bytes
     * @return the value as nft prints it
     */
    public static String concatText(List<Datatype> parts, Bytes data) {
        StringJoiner j = new StringJoiner(" . ");
        List<Bytes> values = partValues(parts, data, 0);
        for (int i = 0; i < parts.size(); i++) {
            j.add(parts.get(i).print(values.get(i)));
        }
        return j.toString();
    }

    /**
     * The values of {@code parts} concatenated in {@code data} from byte {@code from}, each padded to
     * 4 bytes.
     *
     * @param parts the datatypes of the parts, in order
     * @param data the concatenated bytes
     * @param from the offset of the first part in {@code data}
     * @return each part's value, without padding
     */
    public static List<Bytes> partValues(List<Datatype> parts, Bytes data, int from) {
        byte[] all = data.toArray();
        List<Bytes> out = new ArrayList<>();
        int offset = from;
        for (Datatype d : parts) {
            out.add(Bytes.of(Arrays.copyOfRange(all, offset, offset + d.length())));
            offset += (d.length() + 3) & ~3;
        }
        return out;
    }

    @Override
    public Datatype datatype() {
        return dataType;
    }

    @Override
    public int length() {
        return dataLength;
    }

    /**
     * Whether some keys are ranges (or prefixes): the map is an interval map.
     *
     * @return whether the map needs the interval flag
     */
    public boolean hasIntervals() {
        return entries.stream().anyMatch(e -> e.keyEnd() != null);
    }

    /** The key's loads and the lookup of {@code set} (name and transaction ID) into {@code register}. */
    List<Expression> loads(int register, String set, int setId) {
        // a named map's elements hold a bit field's value, which nft loads so
        // and an anonymous interval map its value, moved down without a swap (ip dscp map { 0x08-0x0f : 1 })
        List<Expression> out = new ArrayList<>(named != null && BitValue.applies(key) ? BitValue.loads(key, register)
                : named == null && hasIntervals() && BitValue.shiftsForIntervals(key) ? BitValue.intervalLoads(key, register)
                : key.loads(register));
        if (hasIntervals() && !(key instanceof ConcatField) && Linearizer.ordersHostBytes(key)) {
            // intervals are ordered as big-endian numbers: a host-order key is swapped first, as nft does
            out.add(new Byteorder(Byteorder.Op.HTON, register, register,
                    key.length(), key.length()));
        }
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

    /**
     * An entry's key as a value: one value, a range, or a prefix for a range of addresses that is one.
     *
     * @param e one of this map's entries
     * @return the key as a value, range or prefix
     */
    public Value keyValue(Entry e) {
        if (e.isCatchAll()) {
            return new Value.CatchAll();
        }
        if (e.keyEnd() == null) {
            return new Value.Single(e.key());
        }
        if (key instanceof ConcatField) {
            return e.key().equals(e.keyEnd()) ? new Value.Single(e.key()) : new Value.Range(e.key(), e.keyEnd());
        }
        if (key.datatype() == Datatype.IPV4_ADDR || key.datatype() == Datatype.IPV6_ADDR) {
            return Delinearizer.rangeItem(key, Linearizer.number(e.key()), Linearizer.number(e.keyEnd()), key.length());
        }
        return e.key().equals(e.keyEnd()) ? new Value.Single(e.key()) : new Value.Range(e.key(), e.keyEnd());
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
            j.add((e.isCatchAll() ? "*" : r.renderValue(key, keyValue(e))) + " : " + dataText(e.data()));
        }
        return key.text() + " map " + j;
    }
}
