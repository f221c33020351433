package nftlink.nftables.parse;

import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftSet;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.ElementCompiler;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.SetData;
import nftlink.nftables.lang.SetDeclaration;
import nftlink.nftables.lang.SetKey;

import java.util.ArrayList;
import java.util.List;

/**
 * What the elements of a set or map look like to the text parser: key parts, data parts (or
 * verdicts, or object names), and whether it holds intervals.
 *
 * @param key          the key's parts (several for a concatenation)
 * @param data         the first part of the data of a data map, or {@code null}
 * @param dataRest     the further parts of concatenated data
 * @param verdicts     whether it is a verdict map
 * @param interval     whether it holds intervals
 * @param declaration  the set's declaration (what its elements map to, its statements), or {@code null}
 */
record SetShape(List<ValueParser.Part> key, ValueParser.Part data, List<ValueParser.Part> dataRest, boolean verdicts, boolean interval,
                SetDeclaration declaration) {

    SetShape(List<ValueParser.Part> key, ValueParser.Part data, boolean verdicts, boolean interval) {
        this(key, data, List.of(), verdicts, interval, null);
    }

    SetShape(List<ValueParser.Part> key, ValueParser.Part data, List<ValueParser.Part> dataRest, boolean verdicts, boolean interval) {
        this(key, data, dataRest, verdicts, interval, null);
    }

    /** Whether it is an object map (elements name objects). */
    boolean objects() {
        return declaration != null && declaration.data() instanceof SetData.Objects;
    }

    /** Whether each data value is a range or prefix ({@code : interval ipv4_addr}). */
    boolean dataInterval() {
        return declaration != null && declaration.data() instanceof SetData.Values v && v.interval();
    }

    /** The compiler of its elements, with or without merging intervals. */
    ElementCompiler compiler(boolean merge) {
        if (declaration == null) {
            return new ElementCompiler(setKey(), interval, merge, List.of(), true, isMap());
        }
        return new ElementCompiler(setKey(), interval, merge, declaration.statements(),
                (declaration.flags() & NfTablesUapi.NFT_SET_EVAL) != 0, isMap());
    }

    /** The data's parts: one, or several for concatenated data ({@code ipv4_addr . inet_service}). */
    List<ValueParser.Part> dataParts() {
        List<ValueParser.Part> parts = new ArrayList<>();
        parts.add(data);
        parts.addAll(dataRest);
        return parts;
    }

    /** The set data type ID: a concatenation's is its parts' IDs, 6 bits each. */
    int dataTypeId() {
        return Datatype.concatenationId(dataParts().stream().map(ValueParser.Part::type).toList());
    }

    int dataLength() {
        return dataRest.isEmpty() ? data.length() : dataParts().stream().mapToInt(p -> (p.length() + 3) & ~3).sum();
    }

    /** Whether its elements map keys to something: data, verdicts or objects. */
    boolean isMap() {
        return verdicts || data != null || objects();
    }

    /** The key's set data type ID ({@link #setKey()}'s), without making the key: asked for every set a rule looks up. */
    int keyType() {
        int id = 0;
        for (ValueParser.Part p : key) {
            id = id << 6 | p.type().id();
        }
        return id;
    }

    /**
     * The key's length in bytes ({@link #setKey()}'s, each part of a concatenation in whole registers), without
     * making the key.
     */
    int keyLength() {
        int length = 0;
        for (ValueParser.Part p : key) {
            if (p.length() <= 0) {
                // refused as the key refuses it
                return setKey().length();
            }
            length += (p.length() + 3) & ~3;
        }
        return key.size() == 1 ? key.getFirst().length() : key.isEmpty() ? setKey().length() : length;
    }

    /** The key's datatypes and lengths. */
    SetKey setKey() {
        return SetKey.of(key.stream().map(ValueParser.Part::type).toList(), key.stream().map(ValueParser.Part::length).toList());
    }

    /**
     * The parts of a key or data declared {@code typeof field}: as the rule language reads the field's
     * values, but kept as values (a set holds a bit field's value, not the bits in place).
     */
    static List<ValueParser.Part> valueParts(Field field) {
        return ValueParser.parts(field).stream().map(p -> new ValueParser.Part(p.type(), p.length(), p.cgroup(), p.bitmask())).toList();
    }

    static ValueParser.Part part(Datatype d) {
        return new ValueParser.Part(d, d.length(), false, d == Datatype.CT_STATE);
    }

    /** The shape of a set the kernel (or someone else) declared. */
    static SetShape of(NftSet set) {
        SetDeclaration d = SetDeclaration.of(set);
        if (d == null) {
            throw new IllegalArgumentException("set " + set.name() + " has a key or data type nftlink does not know ("
                    + set.keyType() + (set.isMap() ? " : " + set.dataType() : "") + ")");
        }
        List<ValueParser.Part> key = parts(d.key());
        ValueParser.Part data = null;
        List<ValueParser.Part> rest = new ArrayList<>();
        if (d.data() instanceof SetData.Values v) {
            List<ValueParser.Part> parts = parts(v.value());
            data = parts.getFirst();
            rest.addAll(parts.subList(1, parts.size()));
        }
        return new SetShape(key, data, rest, d.data() instanceof SetData.Verdicts, (set.flags() & NfTablesUapi.NFT_SET_INTERVAL) != 0,
                d);
    }

    /** The parts of a key: a typeof key's as the rule language reads its values, else by datatype. */
    private static List<ValueParser.Part> parts(SetKey key) {
        if (key.typeof() != null) {
            return valueParts(key.typeof());
        }
        List<ValueParser.Part> out = new ArrayList<>();
        for (int i = 0; i < key.types().size(); i++) {
            Datatype t = key.types().get(i);
            out.add(new ValueParser.Part(t, key.lengths().get(i), false, t == Datatype.CT_STATE));
        }
        return out;
    }
}
